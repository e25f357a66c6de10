<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="23" />
        <source>About Cavalier</source>
        <translation>À propos de Cavalier</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="25" />
        <source>Network open</source>
        <translation>Réseau ouvert</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="26" />
        <source>Data and licences</source>
        <translation>Données et licences</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="27" />
        <source>Libraries</source>
        <translation>Bibliothèques</translation>
    </message>
</context>
<context>
    <name>BudgetLineDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="97" />
        <source>New budget line</source>
        <translation>Nouvelle ligne de budget</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="108" />
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="109" />
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="110" />
        <source>Planned (€)</source>
        <translation>Prévu (€)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="111" />
        <source>Funding source</source>
        <translation>Source de financement</translation>
    </message>
</context>
<context>
    <name>BudgetModel</name>
    <message>
        <location filename="../../ui/budget_view.py" line="96" />
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="96" />
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="96" />
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="97" />
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="97" />
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="97" />
        <source>Actual</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="98" />
        <source>Gap</source>
        <translation>Écart</translation>
    </message>
</context>
<context>
    <name>BudgetTab</name>
    <message>
        <location filename="../../ui/budget_view.py" line="184" />
        <source>Update quantities from the formats</source>
        <translation>Mettre à jour les quantités d'après les formats</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="186" />
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="191" />
        <source>Add a line…</source>
        <translation>Ajouter une ligne…</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="193" />
        <source>Remove the selected line</source>
        <translation>Supprimer la ligne sélectionnée</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="221" />
        <source>Funding split (planned)</source>
        <translation>Répartition des financements (prévu)</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228" />
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228" />
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228" />
        <source>Actual</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="231" />
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="231" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="231" />
        <source>Charges</source>
        <translation>Charges</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="232" />
        <source>Income</source>
        <translation>Produits</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="232" />
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="238" />
        <source>Targets against planned and actual shares</source>
        <translation>Objectifs face aux parts prévues et réalisées</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="240" />
        <source>Participation scenarios</source>
        <translation>Scénarios de participation</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="285" />
        <source>Select the line to remove in the table.</source>
        <translation>Sélectionnez dans le tableau la ligne à supprimer.</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="306" />
        <source>No budget: create an event from a template.</source>
        <translation>Aucun budget : créez un événement depuis un modèle.</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="309" />
        <source>Charges %1 — income %2 — result %3 (actual: %4)</source>
        <translation>Charges %1 — produits %2 — résultat %3 (réalisé : %4)</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <location filename="../../ui/document.py" line="350" />
        <source>%1 is %2 from the nearest network: move refused</source>
        <translation>%1 à %2 du réseau le plus proche : déplacement refusé</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="351" />
        <source>%1: move refused — %2</source>
        <translation>%1 : déplacement refusé — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="353" />
        <source>New point</source>
        <translation>Nouveau point</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="354" />
        <source>%1 is %2 from the nearest network: point not added</source>
        <translation>%1 à %2 du réseau le plus proche : ajout refusé</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="355" />
        <source>%1: point not added — %2</source>
        <translation>%1 : ajout refusé — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="358" />
        <source>%1: removal refused — %2</source>
        <translation>%1 : suppression refusée — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="361" />
        <source>%1: refused — %2</source>
        <translation>%1 : modification refusée — %2</translation>
    </message>
    <message>
        <location filename="../../ui/document.py" line="370" />
        <source>Point %1</source>
        <translation>Point %1</translation>
    </message>
</context>
<context>
    <name>ElevationChart</name>
    <message>
        <location filename="../../ui/elevation_chart.py" line="53" />
        <source>Distance (km)</source>
        <extracomment>(upper bound of the absolute gradient over ~100 m, colour); same classes as the roadbook.</extracomment>
        <translation>Distance (km)</translation>
    </message>
    <message>
        <location filename="../../ui/elevation_chart.py" line="57" />
        <source>Elevation (m)</source>
        <translation>Altitude (m)</translation>
    </message>
    <message>
        <location filename="../../ui/elevation_chart.py" line="114" />
        <source>No elevation: import a DEM to see the profile</source>
        <translation>Pas d'altitudes : importez un MNT pour voir le profil</translation>
    </message>
</context>
<context>
    <name>EventPanel</name>
    <message>
        <location filename="../../ui/event_panel.py" line="44" />
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="44" />
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="48" />
        <source>Add a format</source>
        <translation>Ajouter un format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="50" />
        <source>Remove the format</source>
        <translation>Supprimer le format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="55" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="72" />
        <source>Pace for expected times and cut-offs: km/h, closing km/h, metres of climb per hour (empty: the discipline's)</source>
        <translation>Allure pour les heures de passage et les barrières : km/h, km/h de fermeture, mètres de D+ par heure (vide : celle de la discipline)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="75" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="76" />
        <source>Target distance</source>
        <translation>Distance visée</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="77" />
        <source>Maximum participants</source>
        <translation>Participants au maximum</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="78" />
        <source>Fee (€)</source>
        <translation>Tarif (€)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="79" />
        <source>Pace (km/h / closing / climb per hour)</source>
        <translation>Allure (km/h / fermeture / D+ par heure)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="97" />
        <source>A format is already named « %1 ».</source>
        <translation>Un format s'appelle déjà « %1 ».</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="167" />
        <source>no route yet</source>
        <translation>pas encore de parcours</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="169" />
        <source>%1 km, %2 rupture points</source>
        <translation>%1 km, %2 points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="174" />
        <source>Route</source>
        <translation>Parcours</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="10" />
        <source>Trail running</source>
        <translation>Trail</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="11" />
        <source>Mountain bike</source>
        <translation>VTT</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="12" />
        <source>Multisport raid</source>
        <translation>Raid multisport</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="13" />
        <source>Hiking</source>
        <translation>Randonnée</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14" />
        <source>Cycling</source>
        <translation>Vélo (véloroute)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20" />
        <source>Route point</source>
        <translation>Point de passage</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21" />
        <source>Aid station</source>
        <translation>Ravitaillement</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22" />
        <source>Challenge</source>
        <translation>Épreuve</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23" />
        <source>Checkpoint</source>
        <translation>Point de contrôle</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24" />
        <source>First aid</source>
        <translation>Poste de secours</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25" />
        <source>Marshal post</source>
        <translation>Poste de signaleur</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31" />
        <source>Green and blue poles</source>
        <translation>Pôles de la TVB</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32" />
        <source>Spoil tips (terrils)</source>
        <translation>Terrils</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33" />
        <source>Cavaliers (old mining railways)</source>
        <translation>Cavaliers (anciennes voies ferrées minières)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34" />
        <source>Véloroute</source>
        <translation>Véloroute</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35" />
        <source>Hiking trails</source>
        <translation>Sentiers de randonnée</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36" />
        <source>Rupture points</source>
        <translation>Points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37" />
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38" />
        <source>Other paths and roads</source>
        <translation>Autres chemins et routes</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39" />
        <source>Unsurveyed (straight connectors)</source>
        <translation>Non relevé (liaisons en ligne droite)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40" />
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41" />
        <source>Natural areas</source>
        <translation>Espaces naturels et néo-naturels</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../ui/layers_panel.py" line="28" />
        <source>Online background map (OpenStreetMap)</source>
        <translation>Fond de carte en ligne (OpenStreetMap)</translation>
    </message>
    <message>
        <location filename="../../ui/layers_panel.py" line="29" />
        <source>Downloads map tiles from the internet; off by default, Cavalier works fully offline.</source>
        <translation>Télécharge les tuiles de fond depuis Internet ; désactivé par défaut, Cavalier fonctionne entièrement hors ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/layers_panel.py" line="33" />
        <source>Click a spoil tip or a pole to route to it.</source>
        <translation>Cliquez sur un terril ou un pôle pour y aller.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="104" />
        <source>Map</source>
        <extracomment>Emitted once the map shows the network and accepts clicks. Emitted when the map has drawn the latest route (draw number). Emitted when a long operation finished (its result, or None when it failed/cancelled). Where « Download OpenStreetMap » reads and writes (None: Geofabrik, the user cache).</extracomment>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105" />
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112" />
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113" />
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>Route</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117" />
        <source>Loading the network…</source>
        <translation>Chargement du réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150" />
        <source>&amp;New event from a template…</source>
        <translation>&amp;Nouvel événement depuis un modèle…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152" />
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154" />
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156" />
        <source>Save &amp;as…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160" />
        <source>Recent files</source>
        <translation>Fichiers récents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164" />
        <source>OpenStreetMap extract (.osm.pbf)…</source>
        <translation>Extrait OpenStreetMap (.osm.pbf)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166" />
        <source>GIS layers (GeoJSON, GeoPackage, Shapefile)…</source>
        <translation>Couches SIG (GeoJSON, GeoPackage, Shapefile)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170" />
        <source>Elevation model (DEM)…</source>
        <translation>Modèle numérique de terrain (MNT)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172" />
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173" />
        <source>Participants' pack (folder)…</source>
        <translation>Dossier participants (complet)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175" />
        <source>Course file of this format (GPX, FIT, KML, TCX)…</source>
        <translation>Fichier du parcours de ce format (GPX, FIT, KML, TCX)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177" />
        <source>Participants' zip (every format)…</source>
        <translation>Dossier zip des participants (tous les formats)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179" />
        <source>Budget workbook (xlsx)…</source>
        <translation>Classeur du budget (xlsx)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181" />
        <source>HTML map…</source>
        <translation>Carte HTML…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182" />
        <source>Declaration file…</source>
        <translation>Dossier de déclaration…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="824" />
        <source>Export the declaration file</source>
        <translation>Exporter le dossier de déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="826" />
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="829" />
        <source>Preparing the declaration file…</source>
        <translation>Préparation du dossier de déclaration…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="836" />
        <source>Declaration file</source>
        <translation>Dossier de déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196" />
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197" />
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199" />
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204" />
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="268" />
        <source>No event</source>
        <translation>Aucun événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301" />
        <source>Network: %1 — %2 nodes, %3 places</source>
        <translation>Réseau : %1 — %2 nœuds, %3 lieux</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295" />
        <location filename="../../ui/main_window.py" line="307" />
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168" />
        <source>GPX track…</source>
        <translation>Trace GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190" />
        <source>Download OpenStreetMap for the Bassin minier…</source>
        <translation>Télécharger OpenStreetMap du Bassin minier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319" />
        <source>Point %1</source>
        <translation>Point %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373" />
        <source>New format</source>
        <translation>Nouveau format</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385" />
        <source>Format « %1 » removed (Ctrl+Z to undo).</source>
        <translation>Format « %1 » supprimé (Ctrl+Z pour annuler).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="429" />
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="448" />
        <source>Generating the route…</source>
        <translation>Génération du parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="482" />
        <source>Open an event</source>
        <translation>Ouvrir un événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="483" />
        <location filename="../../ui/main_window.py" line="524" />
        <source>Cavalier projects (*.cavalier)</source>
        <translation>Projets Cavalier (*.cavalier)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="490" />
        <source>Recover unsaved work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="491" />
        <source>Cavalier was closed without saving %1. Recover the autosaved work?</source>
        <translation>Cavalier a été fermé sans enregistrer %1. Récupérer le travail enregistré automatiquement ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="499" />
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="522" />
        <source>Save the event</source>
        <translation>Enregistrer l'événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="536" />
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="544" />
        <source>Saved: %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="559" />
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="560" />
        <source>Save the changes to « %1 »?</source>
        <translation>Enregistrer les modifications de « %1 » ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="586" />
        <source>Import an OpenStreetMap extract</source>
        <translation>Importer un extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="587" />
        <source>OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)</source>
        <translation>OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="589" />
        <source>Importing OpenStreetMap…</source>
        <translation>Import OpenStreetMap…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="595" />
        <source>Download the OpenStreetMap extract of Nord-Pas-de-Calais from Geofabrik (about 200 MB, once: it is kept in the cache), clip it to the Bassin minier and build the network of paths and roads?

Data © OpenStreetMap contributors, ODbL licence. An interrupted download resumes where it stopped.</source>
        <translation>Télécharger l'extrait OpenStreetMap du Nord-Pas-de-Calais chez Geofabrik (environ 200 Mo, une seule fois : il est gardé en cache), le découper au Bassin minier et construire le réseau des chemins et des routes ?

Données © les contributeurs d'OpenStreetMap, licence ODbL. Un téléchargement interrompu reprend là où il s'est arrêté.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="599" />
        <source>Download OpenStreetMap</source>
        <translation>Télécharger OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="609" />
        <source>Downloading OpenStreetMap for the Bassin minier…</source>
        <translation>Téléchargement d'OpenStreetMap pour le Bassin minier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="618" />
        <source>data © OpenStreetMap contributors (ODbL)</source>
        <translation>données © les contributeurs d'OpenStreetMap (ODbL)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="622" />
        <source>Import GIS layers</source>
        <translation>Importer des couches SIG</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="623" />
        <source>GIS layers (*.geojson *.json *.gpkg *.shp)</source>
        <translation>Couches SIG (*.geojson *.json *.gpkg *.shp)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="626" />
        <source>Building the network…</source>
        <translation>Construction du réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="632" />
        <source>Import an elevation model</source>
        <translation>Importer un modèle numérique de terrain</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="633" />
        <source>DEM (*.tif *.tiff *.hgt)</source>
        <translation>MNT (*.tif *.tiff *.hgt)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="636" />
        <source>Reading the elevation model…</source>
        <translation>Lecture du MNT…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="645" />
        <source>Import a GPX track</source>
        <translation>Importer une trace GPX</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="645" />
        <location filename="../../ui/main_window.py" line="677" />
        <location filename="../../ui/main_window.py" line="701" />
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="702" />
        <source>GPX compatible, 500 points at most (*.gpx)</source>
        <translation>GPX compatible, 500 points au plus (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="703" />
        <source>FIT course for Garmin (*.fit)</source>
        <translation>Parcours FIT pour Garmin (*.fit)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="704" />
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="704" />
        <source>TCX course (*.tcx)</source>
        <translation>Parcours TCX (*.tcx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="708" />
        <source>Export the course</source>
        <translation>Exporter le parcours</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="724" />
        <source>Exporting the course…</source>
        <translation>Export du parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="739" />
        <source>Folder of the participants' pack</source>
        <translation>Dossier du pack participants</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="753" />
        <source>Exporting the participants' pack…</source>
        <translation>Export du dossier participants…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="767" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="768" />
        <source>Not exported, and notes:</source>
        <translation>Non exporté, et remarques :</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="781" />
        <source>Export the participants' zip</source>
        <translation>Exporter le dossier zip des participants</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="782" />
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="785" />
        <source>Exporting GPX files…</source>
        <translation>Export des fichiers GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="800" />
        <source>Export the budget</source>
        <translation>Exporter le budget</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="801" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="803" />
        <source>Exporting the budget…</source>
        <translation>Export du budget…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="811" />
        <source>Export an HTML map</source>
        <translation>Exporter une carte HTML</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="812" />
        <source>Web page (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="815" />
        <source>Exporting the map…</source>
        <translation>Export de la carte…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="760" />
        <location filename="../../ui/main_window.py" line="839" />
        <source>Exported: %1</source>
        <translation>Exporté : %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207" />
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208" />
        <source>&amp;About Cavalier…</source>
        <translation>À &amp;propos de Cavalier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="664" />
        <source>Unsurveyed parts</source>
        <translation>Tronçons non relevés</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="666" />
        <source>The GPX description states it as well. Continue the export?</source>
        <translation>La description du GPX le signale aussi. Continuer l'export ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="668" />
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188" />
        <source>&amp;Network</source>
        <translation>&amp;Réseau</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192" />
        <source>Import recce tracks…</source>
        <translation>Importer des traces de reconnaissance…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="676" />
        <source>Import recce tracks</source>
        <translation>Importer des traces de reconnaissance</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="687" />
        <source>Importing recce tracks…</source>
        <translation>Import des traces de reconnaissance…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="693" />
        <source>Recce tracks</source>
        <translation>Traces de reconnaissance</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="58" />
        <source>Participants' pack</source>
        <translation>Dossier participants</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="65" />
        <source>Address of the page (for the QR codes)</source>
        <translation>Adresse de la page (pour les QR codes)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="66" />
        <source>Organiser's contact</source>
        <translation>Contact de l'organisation</translation>
    </message>
</context>
<context>
    <name>RoutePanel</name>
    <message>
        <location filename="../../ui/route_panel.py" line="48" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="52" />
        <source>A map click adds</source>
        <translation>Un clic sur la carte ajoute</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="58" />
        <source>Target length</source>
        <translation>Longueur visée</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="62" />
        <source>Loop</source>
        <translation>Boucle</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="62" />
        <source>Race</source>
        <translation>Course</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="63" />
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="77" />
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="80" />
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="80" />
        <source>Climb / descent</source>
        <translation>D+ / D−</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="81" />
        <source>On cavaliers</source>
        <translation>Sur cavaliers</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="82" />
        <source>On the green and blue network</source>
        <translation>Sur la Trame verte et bleue</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="83" />
        <source>Rupture points</source>
        <translation>Points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="84" />
        <source>Spoil tips</source>
        <translation>Terrils</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="85" />
        <source>Communes crossed</source>
        <translation>Communes traversées</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="94" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="94" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="95" />
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="101" />
        <source>Route points and waypoints</source>
        <translation>Points de passage et repères</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="109" />
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="175" />
        <source>unknown (no elevation data)</source>
        <translation>inconnu (pas d'altitudes)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="179" />
        <source>(estimated from the spoil tips' heights)</source>
        <translation>(estimé d'après la hauteur des terrils)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="167" />
        <source>unsurveyed part unknown (route computed before provenance: recompute it)</source>
        <translation>part non relevée inconnue (parcours calculé avant le suivi de la provenance : recalculez-le)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="188" />
        <source>crossings unknown (network without roads)</source>
        <translation>traversées inconnues (réseau sans routes)</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="37" />
        <source>New event from a template</source>
        <translation>Nouvel événement depuis un modèle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="45" />
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="46" />
        <source>Edition year</source>
        <translation>Année de l'édition</translation>
    </message>
</context>
<context>
    <name>TrackImport</name>
    <message>
        <location filename="../../ui/track_import.py" line="94" />
        <location filename="../../ui/track_import.py" line="188" />
        <source>Imported track</source>
        <translation>Trace importée</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="107" />
        <source>Reading the GPX track…</source>
        <translation>Lecture de la trace GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="120" />
        <source>GPX track shown, not matched: « %1 ». The course is unchanged.</source>
        <translation>Trace GPX affichée, non calée : « %1 ». Le parcours n’a pas changé.</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="126" />
        <source>Imported track (not matched)</source>
        <translation>Trace importée (non calée)</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="127" />
        <source>Imported track (matched)</source>
        <translation>Trace importée (calée)</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="137" />
        <source>Off the network: unsurveyed, not a path</source>
        <translation>Hors réseau : non relevé, pas un chemin</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="145" />
        <source>Matching the track on the network…</source>
        <translation>Calage de la trace sur le réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="157" />
        <source>Imported track matched on the network; the course is unchanged.</source>
        <translation>Trace importée calée sur le réseau ; le parcours n’a pas changé.</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="159" />
        <source>Track matched on the network</source>
        <translation>Trace calée sur le réseau</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="162" />
        <source>Use as the course…</source>
        <translation>Utiliser comme parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="163" />
        <location filename="../../ui/track_import.py" line="192" />
        <source>Keep the track shown</source>
        <translation>Garder la trace affichée</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="179" />
        <source>No part of the imported track runs on the network: it cannot become the course. The course is unchanged.</source>
        <translation>Aucune partie de la trace importée n’est sur le réseau : elle ne peut pas devenir le parcours. Le parcours n’a pas changé.</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="186" />
        <source>Replace the current course of « %1 »?</source>
        <translation>Remplacer le parcours actuel de « %1 » ?</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="187" />
        <source>Replace the current course?</source>
        <translation>Remplacer le parcours actuel ?</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="191" />
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="207" />
        <source>Imported track kept on the map; the course is unchanged.</source>
        <translation>Trace importée gardée sur la carte ; le parcours n’a pas changé.</translation>
    </message>
</context>
<context>
    <name>TrackPanel</name>
    <message>
        <location filename="../../ui/track_import.py" line="68" />
        <source>Match on the network</source>
        <translation>Caler sur le réseau</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="69" />
        <source>Use as the course…</source>
        <translation>Utiliser comme parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/track_import.py" line="70" />
        <source>Remove the track</source>
        <translation>Retirer la trace</translation>
    </message>
</context>
</TS>