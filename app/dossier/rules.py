"""The rules the declaration file applies, each with the text it comes from.

No rule without a source: every :class:`Rule` names the page it was read on and quotes (or closely
paraphrases) the passage. A rule whose exact figure could not be confirmed in a source carries
``confirmed=False`` and the file prints it as « à confirmer » instead of presenting it as settled.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    key: str
    statement: str  # what Cavalier applies, in French
    source: str  # article or page title
    url: str
    quote: str  # the passage the rule rests on
    confirmed: bool = True


LEGIFRANCE_R331 = "https://www.legifrance.gouv.fr/codes/id/LEGISCTA000025450711"
R331_10_EN = ("https://french-business-law.com/french-legislation-art/"
              "article-r331-10-of-the-french-sports-code")
BRON = ("https://www.ville-bron.fr/ma-mairie-mes-demarches/mes-demarches/vie-associative-et-sports/"
        "declaration-de-manifestation-sportive-sur-une-voie-publique")
ANDOUILLE = ("https://www.ville-andouille.fr/ville-andouille_vie-municipale-et-demarches_vos-"
             "demarches_declaration-manifestation-sportive-sur-voie-publique.phtml")
SP_CYCLISME = "https://remuzat.fr/demarches/associations/F34667"  # service-public.fr F34667
PNR_SCARPE = ("http://www.pnr-scarpe-escaut.fr/contenu-standard/"
              "etude-d%E2%80%99incidence-et-manifestations-sportives")
FFA_TRAIL = "https://www.courirenisere.fr/promo"
FFA_TRAIL_2 = "http://ententesevre.athle.com/asp.net/espaces.html/html.aspx?id=32264"
DPS_UMPS = "https://84.umps.fr/les-postes-de-secours/"
DPS_UMS31 = "https://ums31.org/postes-de-secours-dispositifs-previsionnels-de-secours/"
DPS_LOIRET = ("https://www.loiret.gouv.fr/Politiques-publiques/Securite-et-risques/Risques/"
              "Protection-contre-les-risques-et-gestion-des-crises/"
              "La-securite-des-rassemblements-de-personnes/Informations-generales")

SUBJECT_TO_DECLARATION = Rule(
    "declaration",
    "Déclaration obligatoire : épreuve chronométrée ou classée sur la voie publique, ou "
    "manifestation sans classement de plus de 100 participants.",
    "Code du sport, art. R331-6", LEGIFRANCE_R331,
    "Sont soumises à déclaration les manifestations sportives qui se déroulent en totalité ou en "
    "partie sur une voie publique [...] 1° Soit constituent des épreuves, courses ou compétitions "
    "comportant un chronométrage, un classement [...] 2° Soit constituent des manifestations sans "
    "classement, sans chronométrage et sans horaire fixé à l'avance comptant plus de cent "
    "participants.")
CERFA_15824 = Rule(
    "cerfa-15824", "Cerfa n° 15824 : épreuve chronométrée ou classée, hors cyclisme.",
    "Ville de Bron, « Déclaration de manifestation sportive sur une voie publique »", BRON,
    "Les manifestations sportives (hors cyclisme) : épreuve, course ou compétition avec "
    "chronométrage — Télécharger le formulaire CERFA 15824 — Délai : 2 mois")
CERFA_15825 = Rule(
    "cerfa-15825", "Cerfa n° 15825 : sans classement ni chronométrage, plus de 100 "
    "participants, hors cyclisme.",
    "Ville de Bron, « Déclaration de manifestation sportive sur une voie publique »", BRON,
    "Les manifestations sportives (hors cyclisme) sans classement, sans chronométrage, sans "
    "horaire fixé à l'avance et avec plus de 100 participants — CERFA 15825 — Délai : 1 mois")
CERFA_15826 = Rule(
    "cerfa-15826", "Cerfa n° 15826 : cyclisme sans classement ni chronométrage, plus de 100 "
    "participants.",
    "Ville de Bron, « Déclaration de manifestation sportive sur une voie publique »", BRON,
    "Les manifestations de cyclisme : sans classement, sans chronométrage, sans horaire fixé à "
    "l'avance et avec plus de 100 participants — CERFA 15826 — Délai : 1 mois")
CERFA_CYCLING_TIMED = Rule(
    "cerfa-cyclisme-chrono",
    "Cyclisme ou VTT chronométré : déclaration avec l'avis de la fédération délégataire ; le "
    "numéro du Cerfa (15827 selon nos informations) n'a pas été confirmé dans une source "
    "consultée : à vérifier auprès de la préfecture.",
    "service-public.fr, F34667 « Organisation d'une course cycliste sur la voie publique »",
    SP_CYCLISME,
    "Une course cycliste qui se déroule en tout ou partie sur la voie publique est soumise à "
    "déclaration si [...] La manifestation consiste en des épreuves, courses ou compétitions "
    "chronométrées donnant lieu à un classement", confirmed=False)
AUTHORITY = Rule(
    "autorite",
    "Autorité : le maire pour une seule commune, le préfet du département pour plusieurs "
    "communes d'un département, le préfet de chaque département traversé sinon.",
    "Code du sport, art. R331-10", R331_10_EN,
    "1° The mayor [...] if the event takes place within the territory of a single municipality ; "
    "2° The departmental prefect, if the event is taking place in several municipalities in the "
    "same department; 3° The Prefect of each of the départements through which the event will "
    "pass")
DEADLINE_TIMED = Rule(
    "delai-chrono",
    "Épreuve chronométrée ou classée : déclaration reçue au moins 2 mois avant ; 3 mois si "
    "l'épreuve traverse plusieurs départements.",
    "Code du sport, art. R331-10", R331_10_EN,
    "The declaration must be received by the competent administrative authority at least two "
    "months before the event is due to take place. This deadline is extended to three months if "
    "the event is to take place in more than one département.")
DEADLINE_UNTIMED = Rule(
    "delai-sans-classement",
    "Sans classement ni chronométrage : déclaration au plus tard 1 mois avant.",
    "Code du sport, art. R331-8", LEGIFRANCE_R331,
    "L'organisateur d'une manifestation mentionnée au 2° de l'article R. 331-6 dépose une "
    "déclaration, au plus tard un mois avant la date de l'événement, auprès du préfet "
    "territorialement compétent. Pour les manifestations se déroulant à l'intérieur du "
    "territoire d'une seule commune, la déclaration est faite auprès du maire")
FEDERATION_OPINION = Rule(
    "avis-federation",
    "Épreuve chronométrée ou classée : recueillir l'avis de la fédération délégataire avant le "
    "dépôt ; elle a un mois pour répondre (avis réputé favorable ensuite).",
    "Code du sport, art. R331-9", LEGIFRANCE_R331,
    "L'organisateur d'une manifestation sportive avec classement, chronométrage ou horaire fixé "
    "à l'avance doit recueillir l'avis de la fédération délégataire concernée préalablement au "
    "dépôt de son dossier de déclaration [...] dans un délai d'un mois")
MARSHAL_LIST = Rule(
    "signaleurs",
    "Liste des signaleurs (nom, prénom, date et lieu de naissance, n° de permis de conduire) "
    "fournie au plus tard 3 semaines avant.",
    "Code du sport, art. A331-2 (dossier de déclaration), cité par la mairie d'Andouillé",
    ANDOUILLE,
    "la liste des personnes assurant les fonctions de signaleur. Cette liste comprend le nom, le "
    "prénom, la date et le lieu de naissance du signaleur ainsi que le numéro de son permis de "
    "conduire. Elle est fournie au plus tard trois semaines avant la date de la manifestation")
NATURA_2000 = Rule(
    "natura2000",
    "Manifestation de plus de 300 personnes (organisateurs, participants, public) en tout ou "
    "partie dans un site Natura 2000 : volet d'évaluation des incidences dans la déclaration.",
    "Parc naturel régional Scarpe-Escaut, « Étude d'incidence et manifestations sportives » "
    "(C. env. art. R414-19 et listes locales)", PNR_SCARPE,
    "Depuis le 1er Mars 2011, les manifestations sportives de plus de 300 personnes doivent "
    "intégrer un volet d'étude d'incidence dans leur déclaration en préfecture dès lors que "
    "l'activité est réalisée intégralement ou en partie sur un site Natura 2000. On comptera "
    "comme « personne » l'ensemble des organisateurs, participants et spectateurs.")
NESTING = Rule(
    "nidification",
    "Période de reproduction de début mars à fin juillet : éviter les terrils (nids au sol).",
    "Parc naturel régional Scarpe-Escaut, « Étude d'incidence et manifestations sportives »",
    PNR_SCARPE,
    "C'est lors de la période de reproduction (de début mars à fin juillet) que les espèces sont "
    "les plus sensibles. [...] l'Alouette lulu qui niche à même le sol sur les terrils")
KM_EFFORT = Rule(
    "km-effort",
    "Km-effort = distance en km + 1 km par 100 m de D+ ; catégories FFA XXS 0-24, XS 25-44, "
    "S 45-74, M 75-114, L 115-154, XL 155-209, XXL 210 et plus.",
    "FFA, classification des trails (depuis le 1er janvier 2020)", FFA_TRAIL_2,
    "pour tout gain de 100 m en dénivelé, on ajoute un kilomètre à la distance du parcours [...] "
    "XXS 0-24 XS 25-44 S 45-74 M 75-114 L 115-154 XL 155-209 XXL 210 et plus")
PAVED_SHARE = Rule(
    "revetement",
    "Trail FFA : les sections revêtues ne dépassent pas 25 % du parcours.",
    "FFA, classification des trails, reprise par le comité de l'Isère", FFA_TRAIL,
    "Les sections de surfaces comportant un revêtement ne doivent pas représenter plus de 25 % "
    "du parcours.")
DPS_GRID = Rule(
    "rnmsc-dps",
    "RNMSC-DPS : indice total de risque i = P2 + E1 + E2 (comportement du public, "
    "environnement et accessibilité, délai d'intervention des secours publics) ; "
    "RIS = i × P / 1000. Les valeurs des indicateurs (0,25 à 0,40) sont reprises du "
    "référentiel de 2006 sans avoir été relues dans une source consultée : à confirmer.",
    "Préfecture du Loiret, « La sécurité des rassemblements de personnes » (RNMSC-DPS, "
    "arrêté du 7 novembre 2006)", DPS_LOIRET,
    "Les trois derniers indicateurs sont affectés d'un indice numérique [...] Leur addition donne "
    "un indice total de risque. Cet indice permet ensuite de calculer un Ratio d'Intervenants "
    "Secouristes", confirmed=False)
DPS_CATEGORIES = Rule(
    "dps-categories",
    "RIS ≤ 0,25 : pas de DPS exigé par la grille ; 0,25 < RIS ≤ 1,125 : PAPS (2 secouristes, "
    "jamais pour les acteurs) ; ≤ 12 : DPS-PE (4 à 12) ; ≤ 36 : DPS-ME ; au-delà : DPS-GE.",
    "UMPS 84, « Les postes de secours » ; UMS 31, « Postes de secours »", DPS_UMPS,
    "PAPS [...] RIS supérieur à 0,25 et inférieur ou égal à 1,125 – Constitué de deux secouristes "
    "[...] Il ne peut pas être mis en œuvre pour assurer la sécurité d'acteurs. DPS-PE [...] "
    "supérieur à 1,125 et inférieur ou égal à 12 [...] entre 4 et 12 intervenants secouristes. "
    "DPS-ME [...] supérieur à 12 et inférieur ou égal à 36.")

ALL_RULES: tuple[Rule, ...] = (
    SUBJECT_TO_DECLARATION, CERFA_15824, CERFA_15825, CERFA_15826, CERFA_CYCLING_TIMED,
    AUTHORITY, DEADLINE_TIMED, DEADLINE_UNTIMED, FEDERATION_OPINION, MARSHAL_LIST, NATURA_2000,
    NESTING, KM_EFFORT, PAVED_SHARE, DPS_GRID, DPS_CATEGORIES)
