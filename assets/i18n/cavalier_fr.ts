<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="23"/>
        <source>About Cavalier</source>
        <translation>À propos de Cavalier</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="25"/>
        <source>Network open</source>
        <translation>Réseau ouvert</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="26"/>
        <source>Data and licences</source>
        <translation>Données et licences</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="27"/>
        <source>Libraries</source>
        <translation>Bibliothèques</translation>
    </message>
</context>
<context>
    <name>BudgetLineDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="109"/>
        <source>New budget line</source>
        <translation>Nouvelle ligne de budget</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="120"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="121"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="122"/>
        <source>Planned (€)</source>
        <translation>Prévu (€)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="123"/>
        <source>Funding source</source>
        <translation>Source de financement</translation>
    </message>
</context>
<context>
    <name>BudgetModel</name>
    <message>
        <location filename="../../ui/budget_view.py" line="110"/>
        <source>Account</source>
        <extracomment>Slice colours, repeated as squares in the targets table (the pie&apos;s legend).</extracomment>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="110"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="110"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="111"/>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="111"/>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="111"/>
        <source>Actual</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="112"/>
        <source>Gap</source>
        <translation>Écart</translation>
    </message>
</context>
<context>
    <name>BudgetTab</name>
    <message>
        <location filename="../../ui/budget_view.py" line="207"/>
        <source>Update quantities from the formats</source>
        <translation>Mettre à jour les quantités d&apos;après les formats</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="209"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="214"/>
        <source>Add a line…</source>
        <translation>Ajouter une ligne…</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="216"/>
        <source>Remove the selected line</source>
        <translation>Supprimer la ligne sélectionnée</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="245"/>
        <source>Funding split (planned)</source>
        <translation>Répartition des financements (prévu)</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="253"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="253"/>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="253"/>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="253"/>
        <source>Actual</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="256"/>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="256"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="256"/>
        <source>Charges</source>
        <translation>Charges</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="257"/>
        <source>Income</source>
        <translation>Produits</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="257"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="266"/>
        <source>Targets against planned and actual shares</source>
        <translation>Objectifs face aux parts prévues et réalisées</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="268"/>
        <source>Participation scenarios</source>
        <translation>Scénarios de participation</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="316"/>
        <source>Select the line to remove in the table.</source>
        <translation>Sélectionnez dans le tableau la ligne à supprimer.</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="337"/>
        <source>No budget: create an event from a template.</source>
        <translation>Aucun budget : créez un événement depuis un modèle.</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="340"/>
        <source>Charges %1 — income %2 — result %3 (actual: %4)</source>
        <translation>Charges %1 — produits %2 — résultat %3 (réalisé : %4)</translation>
    </message>
</context>
<context>
    <name>CandidateList</name>
    <message>
        <location filename="../../ui/candidates.py" line="55"/>
        <source>Proposed courses</source>
        <translation>Parcours proposés</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="66"/>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="66"/>
        <source>Length</source>
        <translation>Longueur</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="67"/>
        <source>D+</source>
        <translation>D+</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="67"/>
        <source>Climb (m)</source>
        <translation>Dénivelé positif (m)</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="68"/>
        <source>Twice</source>
        <translation>Repris</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="68"/>
        <source>Length ridden twice (km)</source>
        <translation>Longueur parcourue deux fois (km)</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="69"/>
        <source>Cav.</source>
        <translation>Cav.</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="69"/>
        <source>Share on cavaliers</source>
        <translation>Part sur les cavaliers</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="70"/>
        <source>Unsurv.</source>
        <translation>Non rel.</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="70"/>
        <source>Length on stretches nobody surveyed (km), to check</source>
        <translation>Longueur sur des tronçons non relevés (km), à vérifier</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="90"/>
        <source>Choose</source>
        <translation>Choisir</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="91"/>
        <source>Place the selected course (one undo step)</source>
        <translation>Placer le parcours choisi (annulable en une fois)</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="93"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="94"/>
        <source>Drop the proposed courses, keep the course</source>
        <translation>Abandonner les propositions, garder le parcours actuel</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="166"/>
        <source>unknown (no elevation data)</source>
        <translation>inconnu (pas d&apos;altitudes)</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="169"/>
        <source>estimated from the spoil tips&apos; heights</source>
        <translation>estimé d&apos;après la hauteur des terrils</translation>
    </message>
    <message>
        <location filename="../../ui/candidates.py" line="125"/>
        <source>None keeps the limits asked: the closest courses, with the share ridden twice.</source>
        <translation>Aucun ne respecte les limites demandées : les parcours les plus proches, avec leur part de chemins repris.</translation>
    </message>
</context>
<context>
    <name>CandidatesController</name>
    <message>
        <location filename="../../ui/candidates.py" line="218"/>
        <source>Course %1: %2 km</source>
        <translation>Parcours %1 : %2 km</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <location filename="../../ui/document.py" line="359"/>
        <source>%1 is %2 from the nearest network: move refused</source>
        <extracomment>Where the network reaches each terril and pole (place key → lon, lat).</extracomment>
        <translation>%1 à %2 du réseau le plus proche : déplacement refusé</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="360"/>
        <source>%1: move refused — %2</source>
        <translation>%1 : déplacement refusé — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="362"/>
        <source>New point</source>
        <translation>Nouveau point</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="363"/>
        <source>%1 is %2 from the nearest network: point not added</source>
        <translation>%1 à %2 du réseau le plus proche : ajout refusé</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="364"/>
        <source>%1: point not added — %2</source>
        <translation>%1 : ajout refusé — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="367"/>
        <source>%1: removal refused — %2</source>
        <translation>%1 : suppression refusée — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="370"/>
        <source>%1: refused — %2</source>
        <translation>%1 : modification refusée — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="379"/>
        <source>Point %1</source>
        <translation>Point %1</translation>
    </message>
</context>
<context>
    <name>ElevationChart</name>
    <message>
        <location filename="../../ui/elevation_chart.py" line="64"/>
        <source>Distance (km)</source>
        <translation>Distance (km)</translation>
    </message>
    <message>
        <location filename="../../ui/elevation_chart.py" line="68"/>
        <source>Elevation (m)</source>
        <translation>Altitude (m)</translation>
    </message>
    <message>
        <location filename="../../ui/elevation_chart.py" line="58"/>
        <source>No elevation: import a DEM to see the profile</source>
        <extracomment>(upper bound of the absolute gradient over ~100 m, colour); same classes as the roadbook.</extracomment>
        <translation>Pas d&apos;altitudes : importez un MNT pour voir le profil</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/event_dialog.py" line="43"/>
        <source>Event properties</source>
        <translation>Propriétés de l&apos;événement</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="48"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="49"/>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="51"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="52"/>
        <source>Organiser</source>
        <translation>Organisateur</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="53"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="54"/>
        <source>Author of the course files</source>
        <translation>Auteur des fichiers de parcours</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="55"/>
        <source>Web site</source>
        <translation>Site web</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="74"/>
        <source>On one day</source>
        <translation>Sur une journée</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="77"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="81"/>
        <source>town, site (e.g. Loisinord, Nœux-les-Mines)</source>
        <translation>commune, site (ex. Loisinord, Nœux-les-Mines)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="83"/>
        <source>to be filled in (club, committee, association)</source>
        <translation>à renseigner (club, comité, association)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="86"/>
        <source>e-mail or phone</source>
        <translation>courriel ou téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="111"/>
        <source>the organiser</source>
        <translation>l&apos;organisateur</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="119"/>
        <source>The end is before the start.</source>
        <translation>La fin précède le début.</translation>
    </message>
</context>
<context>
    <name>EventPanel</name>
    <message>
        <location filename="../../ui/event_panel.py" line="47"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="47"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="51"/>
        <source>Add a format</source>
        <translation>Ajouter un format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="53"/>
        <source>Remove the format</source>
        <translation>Supprimer le format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="58"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="75"/>
        <source>Pace for expected times and cut-offs: km/h, closing km/h, metres of climb per hour (empty: the discipline&apos;s)</source>
        <translation>Allure pour les heures de passage et les barrières : km/h, km/h de fermeture, mètres de D+ par heure (vide : celle de la discipline)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="78"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="79"/>
        <source>Target distance</source>
        <translation>Distance visée</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="80"/>
        <source>Maximum participants</source>
        <translation>Participants au maximum</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="81"/>
        <source>Fee (€)</source>
        <translation>Tarif (€)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="82"/>
        <source>Pace (km/h / closing / climb per hour)</source>
        <translation>Allure (km/h / fermeture / D+ par heure)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="100"/>
        <source>A format is already named « %1 ».</source>
        <translation>Un format s&apos;appelle déjà « %1 ».</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="177"/>
        <source>no route yet</source>
        <translation>pas encore de parcours</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="179"/>
        <source>%1 km, %2 rupture points</source>
        <translation>%1 km, %2 points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="184"/>
        <source>Route</source>
        <translation>Parcours</translation>
    </message>
</context>
<context>
    <name>ExportMenus</name>
    <message>
        <location filename="../../ui/export_menus.py" line="110"/>
        <source>Roadbook (PDF)…</source>
        <translation>Carnet de route (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="114"/>
        <source>Budget (xlsx)…</source>
        <translation>Budget (xlsx)…</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="129"/>
        <source>Export the roadbook</source>
        <translation>Exporter le carnet de route</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="131"/>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="146"/>
        <source>Writing the roadbook…</source>
        <translation>Écriture du carnet de route…</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="152"/>
        <source>Roadbook written: %1 (%2 pages: %3)</source>
        <translation>Carnet de route écrit : %1 (%2 pages : %3)</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="187"/>
        <source>Import a budget workbook</source>
        <translation>Importer un classeur de budget</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="188"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="204"/>
        <source>Reading the budget workbook…</source>
        <translation>Lecture du classeur de budget…</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="214"/>
        <source>Import the budget %1</source>
        <translation>Importer le budget %1</translation>
    </message>
    <message>
        <location filename="../../ui/export_menus.py" line="219"/>
        <source>Budget imported from %1: %2</source>
        <translation>Budget importé de %1 : %2</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="10"/>
        <source>Trail running</source>
        <translation>Trail</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="11"/>
        <source>Mountain bike</source>
        <translation>VTT</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="12"/>
        <source>Multisport raid</source>
        <translation>Raid multisport</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="13"/>
        <source>Hiking</source>
        <translation>Randonnée</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>Cycling</source>
        <translation>Vélo (véloroute)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>Route point</source>
        <translation>Point de passage</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>Aid station</source>
        <translation>Ravitaillement</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>Challenge</source>
        <translation>Épreuve</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>Checkpoint</source>
        <translation>Point de contrôle</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>First aid</source>
        <translation>Poste de secours</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>Marshal post</source>
        <translation>Poste de signaleur</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>Green and blue poles</source>
        <translation>Pôles de la TVB</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>Spoil tips (terrils)</source>
        <translation>Terrils</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>Cavaliers (old mining railways)</source>
        <translation>Cavaliers (anciennes voies ferrées minières)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>Véloroute</source>
        <translation>Véloroute</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>Hiking trails</source>
        <translation>Sentiers de randonnée</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>Rupture points</source>
        <translation>Points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Other paths and roads</source>
        <translation>Autres chemins et routes</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>Unsurveyed (straight connectors)</source>
        <translation>Non relevé (liaisons en ligne droite)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>Natural areas</source>
        <translation>Espaces naturels et néo-naturels</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../ui/layers_panel.py" line="28"/>
        <source>Online background map (OpenStreetMap)</source>
        <translation>Fond de carte en ligne (OpenStreetMap)</translation>
    </message>
    <message>
        <location filename="../../ui/layers_panel.py" line="29"/>
        <source>Downloads map tiles from the internet; off by default, Cavalier works fully offline.</source>
        <translation>Télécharge les tuiles de fond depuis Internet ; désactivé par défaut, Cavalier fonctionne entièrement hors ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/layers_panel.py" line="33"/>
        <source>Click a spoil tip or a pole to route to it.</source>
        <translation>Cliquez sur un terril ou un pôle pour y aller.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>Map</source>
        <extracomment>Emitted once the map shows the network and accepts clicks. Emitted when the map has drawn the latest route (draw number). Emitted when a long operation finished (its result, or None when it failed/cancelled). Where « Download OpenStreetMap » reads and writes (None: Geofabrik, the user cache).</extracomment>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131"/>
        <source>Route</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134"/>
        <source>Loading the network…</source>
        <translation>Chargement du réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>&amp;New event from a template…</source>
        <translation>&amp;Nouvel événement depuis un modèle…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>Save &amp;as…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>Recent files</source>
        <translation>Fichiers récents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>OpenStreetMap extract (.osm.pbf)…</source>
        <translation>Extrait OpenStreetMap (.osm.pbf)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>GIS layers (GeoJSON, GeoPackage, Shapefile)…</source>
        <translation>Couches SIG (GeoJSON, GeoPackage, Shapefile)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>Elevation model (DEM)…</source>
        <translation>Modèle numérique de terrain (MNT)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>Participants&apos; pack (folder)…</source>
        <translation>Dossier participants (complet)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>Course file of this format (GPX, FIT, KML, TCX)…</source>
        <translation>Fichier du parcours de ce format (GPX, FIT, KML, TCX)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>Participants&apos; zip (every format)…</source>
        <translation>Dossier zip des participants (tous les formats)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>Budget workbook (xlsx)…</source>
        <translation>Classeur du budget (xlsx)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>HTML map…</source>
        <translation>Carte HTML…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>Declaration file…</source>
        <translation>Dossier de déclaration…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1006"/>
        <source>Export the declaration file</source>
        <translation>Exporter le dossier de déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1008"/>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1011"/>
        <source>Preparing the declaration file…</source>
        <translation>Préparation du dossier de déclaration…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1018"/>
        <source>Declaration file</source>
        <translation>Dossier de déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="219"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>No event</source>
        <translation>Aucun événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Network: %1 — %2 nodes, %3 places</source>
        <translation>Réseau : %1 — %2 nœuds, %3 lieux</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <location filename="../../ui/main_window.py" line="344"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>GPX track…</source>
        <translation>Trace GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>Download OpenStreetMap for the Bassin minier…</source>
        <translation>Télécharger OpenStreetMap du Bassin minier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="356"/>
        <location filename="../../ui/main_window.py" line="385"/>
        <source>Point %1</source>
        <translation>Point %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="454"/>
        <source>New format</source>
        <translation>Nouveau format</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="466"/>
        <source>Format « %1 » removed (Ctrl+Z to undo).</source>
        <translation>Format « %1 » supprimé (Ctrl+Z pour annuler).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="524"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545"/>
        <location filename="../../ui/main_window.py" line="553"/>
        <source>Generating the route…</source>
        <translation>Génération du parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="616"/>
        <source>Open an event</source>
        <translation>Ouvrir un événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="616"/>
        <location filename="../../ui/main_window.py" line="662"/>
        <source>Cavalier projects (*.cavalier)</source>
        <translation>Projets Cavalier (*.cavalier)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="623"/>
        <source>Recover unsaved work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="624"/>
        <source>Cavalier was closed without saving %1. Recover the autosaved work?</source>
        <translation>Cavalier a été fermé sans enregistrer %1. Récupérer le travail enregistré automatiquement ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="632"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="641"/>
        <source>%1 value(s) to correct in %2</source>
        <translation>%1 valeur(s) à corriger dans %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="660"/>
        <source>Save the event</source>
        <translation>Enregistrer l&apos;événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="678"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="687"/>
        <source>Saved: %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="702"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="703"/>
        <source>Save the changes to « %1 »?</source>
        <translation>Enregistrer les modifications de « %1 » ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="748"/>
        <source>Import an OpenStreetMap extract</source>
        <translation>Importer un extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="749"/>
        <source>OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)</source>
        <translation>OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="751"/>
        <source>Importing OpenStreetMap…</source>
        <translation>Import OpenStreetMap…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="757"/>
        <source>Download the OpenStreetMap extract of Nord-Pas-de-Calais from Geofabrik (about 200 MB, once: it is kept in the cache), clip it to the Bassin minier and build the network of paths and roads?

Data © OpenStreetMap contributors, ODbL licence. An interrupted download resumes where it stopped.</source>
        <translation>Télécharger l&apos;extrait OpenStreetMap du Nord-Pas-de-Calais chez Geofabrik (environ 200 Mo, une seule fois : il est gardé en cache), le découper au Bassin minier et construire le réseau des chemins et des routes ?

Données © les contributeurs d&apos;OpenStreetMap, licence ODbL. Un téléchargement interrompu reprend là où il s&apos;est arrêté.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="761"/>
        <source>Download OpenStreetMap</source>
        <translation>Télécharger OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="771"/>
        <source>Downloading OpenStreetMap for the Bassin minier…</source>
        <translation>Téléchargement d&apos;OpenStreetMap pour le Bassin minier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="780"/>
        <source>data © OpenStreetMap contributors (ODbL)</source>
        <translation>données © les contributeurs d&apos;OpenStreetMap (ODbL)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="783"/>
        <source>Import GIS layers</source>
        <translation>Importer des couches SIG</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="784"/>
        <source>GIS layers (*.geojson *.json *.gpkg *.shp)</source>
        <translation>Couches SIG (*.geojson *.json *.gpkg *.shp)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="786"/>
        <source>Building the network…</source>
        <translation>Construction du réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="792"/>
        <source>Import an elevation model</source>
        <translation>Importer un modèle numérique de terrain</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="793"/>
        <source>DEM (*.tif *.tiff *.hgt)</source>
        <translation>MNT (*.tif *.tiff *.hgt)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="795"/>
        <location filename="../../ui/main_window.py" line="816"/>
        <source>Reading the elevation model…</source>
        <translation>Lecture du MNT…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="825"/>
        <source>Import a GPX track</source>
        <translation>Importer une trace GPX</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="825"/>
        <location filename="../../ui/main_window.py" line="859"/>
        <location filename="../../ui/main_window.py" line="883"/>
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="884"/>
        <source>GPX compatible, 500 points at most (*.gpx)</source>
        <translation>GPX compatible, 500 points au plus (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="885"/>
        <source>FIT course for Garmin (*.fit)</source>
        <translation>Parcours FIT pour Garmin (*.fit)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="886"/>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="886"/>
        <source>TCX course (*.tcx)</source>
        <translation>Parcours TCX (*.tcx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="890"/>
        <source>Export the course</source>
        <translation>Exporter le parcours</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="907"/>
        <source>Exporting the course…</source>
        <translation>Export du parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="922"/>
        <source>Folder of the participants&apos; pack</source>
        <translation>Dossier du pack participants</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="935"/>
        <source>Exporting the participants&apos; pack…</source>
        <translation>Export du dossier participants…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="949"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="950"/>
        <source>Not exported, and notes:</source>
        <translation>Non exporté, et remarques :</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="963"/>
        <source>Export the participants&apos; zip</source>
        <translation>Exporter le dossier zip des participants</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="964"/>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="967"/>
        <source>Exporting GPX files…</source>
        <translation>Export des fichiers GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="982"/>
        <source>Export the budget</source>
        <translation>Exporter le budget</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="983"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="985"/>
        <source>Exporting the budget…</source>
        <translation>Export du budget…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="993"/>
        <source>Export an HTML map</source>
        <translation>Exporter une carte HTML</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="994"/>
        <source>Web page (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="997"/>
        <source>Exporting the map…</source>
        <translation>Export de la carte…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="942"/>
        <location filename="../../ui/main_window.py" line="1021"/>
        <source>Exported: %1</source>
        <translation>Exporté : %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="230"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231"/>
        <source>&amp;About Cavalier…</source>
        <translation>À &amp;propos de Cavalier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="847"/>
        <source>Unsurveyed parts</source>
        <translation>Tronçons non relevés</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="849"/>
        <source>The GPX description states it as well. Continue the export?</source>
        <translation>La description du GPX le signale aussi. Continuer l&apos;export ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="851"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>&amp;Network</source>
        <translation>&amp;Réseau</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>Import recce tracks…</source>
        <translation>Importer des traces de reconnaissance…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="586"/>
        <location filename="../../ui/main_window.py" line="859"/>
        <source>Import recce tracks</source>
        <translation>Importer des traces de reconnaissance</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="869"/>
        <source>Importing recce tracks…</source>
        <translation>Import des traces de reconnaissance…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="875"/>
        <source>Recce tracks</source>
        <translation>Traces de reconnaissance</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223"/>
        <source>Event &amp;properties…</source>
        <translation>&amp;Propriétés de l&apos;événement…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>E&amp;vent</source>
        <translation>É&amp;vénement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="395"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>Make this point the start</source>
        <translation>Faire de ce point le départ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="402"/>
        <source>Make this point the finish</source>
        <translation>Faire de ce point l&apos;arrivée</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="570"/>
        <source>The embedded network holds the old mining railways (cavaliers) and the véloroute: no paths on the spoil tips and few crossings, so it has few loops. OpenStreetMap brings the paths and roads of the basin; recce tracks bring the paths you rode.</source>
        <translation>Le réseau embarqué ne contient que les anciens cavaliers miniers et la véloroute : aucun chemin sur les terrils et peu de croisements, donc peu de boucles. OpenStreetMap apporte les chemins et les routes du bassin ; les traces de reconnaissance, les chemins que vous avez parcourus.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="574"/>
        <source>No loop within the limits</source>
        <translation>Aucune boucle dans les limites</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="580"/>
        <source>The closest courses are proposed with the share ridden twice: an out-and-back can be chosen knowingly.</source>
        <translation>Les parcours les plus proches sont proposés avec leur part de chemins repris : un aller-retour peut être choisi en connaissance de cause.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="583"/>
        <source>Download OpenStreetMap for the Bassin minier</source>
        <translation>Télécharger OpenStreetMap du Bassin minier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="611"/>
        <source>New event: %1 (not saved yet)</source>
        <translation>Nouvel événement : %1 (pas encore enregistré)</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="60"/>
        <source>Participants&apos; pack</source>
        <translation>Dossier participants</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="67"/>
        <source>Address of the page (for the QR codes)</source>
        <translation>Adresse de la page (pour les QR codes)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="68"/>
        <source>Organiser&apos;s contact</source>
        <translation>Contact de l&apos;organisation</translation>
    </message>
</context>
<context>
    <name>ProjectProblems</name>
    <message>
        <location filename="../../ui/project_problems.py" line="19"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/project_problems.py" line="22"/>
        <source>« %1 » holds values that break a rule: the event is open so that you can correct them.</source>
        <translation>« %1 » contient des valeurs hors des règles : l&apos;événement est ouvert pour que vous puissiez les corriger.</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ui/qt_strings.py" line="21"/>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../ui/qt_strings.py" line="22"/>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <location filename="../../ui/qt_strings.py" line="23"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/qt_strings.py" line="19"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/qt_strings.py" line="20"/>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type&#xa0;:</translation>
    </message>
</context>
<context>
    <name>RoutePanel</name>
    <message>
        <location filename="../../ui/route_panel.py" line="183"/>
        <source>Km</source>
        <translation>Km</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="287"/>
        <source>%1 from the course</source>
        <translation>à %1 du parcours</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="60"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="64"/>
        <source>A map click adds</source>
        <translation>Un clic sur la carte ajoute</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="70"/>
        <source>Target length</source>
        <translation>Longueur visée</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="74"/>
        <source>Loop</source>
        <translation>Boucle</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="74"/>
        <source>Race</source>
        <translation>Course</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="75"/>
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="159"/>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="165"/>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="165"/>
        <source>Climb / descent</source>
        <translation>D+ / D−</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="166"/>
        <source>On cavaliers</source>
        <translation>Sur cavaliers</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="167"/>
        <source>On the green and blue network</source>
        <translation>Sur la Trame verte et bleue</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="168"/>
        <source>Rupture points</source>
        <translation>Points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="169"/>
        <source>Spoil tips</source>
        <translation>Terrils</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="170"/>
        <source>Communes crossed</source>
        <translation>Communes traversées</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="182"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="182"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="183"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="198"/>
        <source>Route points and waypoints</source>
        <translation>Points de passage et repères</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="206"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="311"/>
        <source>unknown (no elevation data)</source>
        <translation>inconnu (pas d&apos;altitudes)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="315"/>
        <source>(estimated from the spoil tips&apos; heights)</source>
        <translation>(estimé d&apos;après la hauteur des terrils)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="302"/>
        <source>unsurveyed part unknown (route computed before provenance: recompute it)</source>
        <translation>part non relevée inconnue (parcours calculé avant le suivi de la provenance : recalculez-le)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="324"/>
        <source>crossings unknown (network without roads)</source>
        <translation>traversées inconnues (réseau sans routes)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="98"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="114"/>
        <source>default (2 % loop, 5 % race)</source>
        <translation>par défaut (2 % boucle, 5 % course)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="115"/>
        <source>Length tolerance</source>
        <translation>Écart de longueur admis</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="117"/>
        <source>Paths ridden twice at most</source>
        <translation>Chemins repris au plus</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="119"/>
        <source>Shared with the previous course at most</source>
        <translation>Commun avec l&apos;édition précédente au plus</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="123"/>
        <source>automatic</source>
        <translation>automatique</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="124"/>
        <source>Spoil tips of a race</source>
        <translation>Terrils d&apos;une course</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="128"/>
        <source>Proposed courses</source>
        <translation>Parcours proposés</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="129"/>
        <source>Stay on the start&apos;s spoil tip</source>
        <translation>Rester sur le terril de départ</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="131"/>
        <source>Pass the points placed</source>
        <translation>Passer par les points placés</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="132"/>
        <source>A loop passes the other route points; a race, the spoil tips placed between start and finish</source>
        <translation>Une boucle passe par les autres points ; une course, par les terrils placés entre le départ et l&apos;arrivée</translation>
    </message>
</context>
<context>
    <name>SaveConflict</name>
    <message>
        <location filename="../../ui/save_conflict.py" line="19"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/save_conflict.py" line="22"/>
        <source>« %1 » was changed by another window or a command since it was opened: nothing was saved, so that those changes are not lost.</source>
        <translation>« %1 » a été modifié par une autre fenêtre ou une commande depuis son ouverture : rien n&apos;a été enregistré, pour ne pas effacer ces modifications.</translation>
    </message>
    <message>
        <location filename="../../ui/save_conflict.py" line="25"/>
        <source>Save your version under another name, then compare the two files.</source>
        <translation>Enregistrez votre version sous un autre nom, puis comparez les deux fichiers.</translation>
    </message>
    <message>
        <location filename="../../ui/save_conflict.py" line="27"/>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="39"/>
        <source>New event from a template</source>
        <translation>Nouvel événement depuis un modèle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="47"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="48"/>
        <source>Edition year</source>
        <translation>Année de l&apos;édition</translation>
    </message>
</context>
<context>
    <name>TrackImport</name>
    <message>
        <location filename="../../ui/track_import.py" line="92"/>
        <location filename="../../ui/track_import.py" line="186"/>
        <source>Imported track</source>
        <translation>Trace importée</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="105"/>
        <source>Reading the GPX track…</source>
        <translation>Lecture de la trace GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="118"/>
        <source>GPX track shown, not matched: « %1 ». The course is unchanged.</source>
        <translation>Trace GPX affichée, non calée : « %1 ». Le parcours n’a pas changé.</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="124"/>
        <source>Imported track (not matched)</source>
        <translation>Trace importée (non calée)</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="125"/>
        <source>Imported track (matched)</source>
        <translation>Trace importée (calée)</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="135"/>
        <source>Off the network: unsurveyed, not a path</source>
        <translation>Hors réseau : non relevé, pas un chemin</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="143"/>
        <source>Matching the track on the network…</source>
        <translation>Calage de la trace sur le réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="155"/>
        <source>Imported track matched on the network; the course is unchanged.</source>
        <translation>Trace importée calée sur le réseau ; le parcours n’a pas changé.</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="157"/>
        <source>Track matched on the network</source>
        <translation>Trace calée sur le réseau</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="160"/>
        <source>Use as the course…</source>
        <translation>Utiliser comme parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="161"/>
        <location filename="../../ui/track_import.py" line="190"/>
        <source>Keep the track shown</source>
        <translation>Garder la trace affichée</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="177"/>
        <source>No part of the imported track runs on the network: it cannot become the course. The course is unchanged.</source>
        <translation>Aucune partie de la trace importée n’est sur le réseau : elle ne peut pas devenir le parcours. Le parcours n’a pas changé.</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="184"/>
        <source>Replace the current course of « %1 »?</source>
        <translation>Remplacer le parcours actuel de « %1 » ?</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="185"/>
        <source>Replace the current course?</source>
        <translation>Remplacer le parcours actuel ?</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="189"/>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="205"/>
        <source>Imported track kept on the map; the course is unchanged.</source>
        <translation>Trace importée gardée sur la carte ; le parcours n’a pas changé.</translation>
    </message>
</context>
<context>
    <name>TrackPanel</name>
    <message>
        <location filename="../../ui/track_import.py" line="66"/>
        <source>Match on the network</source>
        <translation>Caler sur le réseau</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="67"/>
        <source>Use as the course…</source>
        <translation>Utiliser comme parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="68"/>
        <source>Remove the track</source>
        <translation>Retirer la trace</translation>
    </message>
</context>
<context>
    <name>WaypointFollower</name>
    <message>
        <location filename="../../ui/course_follow.py" line="81"/>
        <source>Waypoints off the course (more than %1 m away): %2 — %3</source>
        <translation>Repères hors du parcours (à plus de %1 m) : %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/course_follow.py" line="76"/>
        <source>Every waypoint is on the course.</source>
        <translation>Tous les repères sont sur le parcours.</translation>
    </message>
</context>
</TS>
