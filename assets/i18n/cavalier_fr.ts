<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Cavalier</source>
        <translation>À propos de Cavalier</translation>
    </message>
    <message>
        <source>Network open</source>
        <translation>Réseau ouvert</translation>
    </message>
    <message>
        <source>Data and licences</source>
        <translation>Données et licences</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>Bibliothèques</translation>
    </message>
</context>
<context>
    <name>BudgetLineDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="96"/>
        <source>New budget line</source>
        <translation>Nouvelle ligne de budget</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="107"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="108"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="109"/>
        <source>Planned (€)</source>
        <translation>Prévu (€)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="110"/>
        <source>Funding source</source>
        <translation>Source de financement</translation>
    </message>
</context>
<context>
    <name>BudgetModel</name>
    <message>
        <location filename="../../ui/budget_view.py" line="96"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="96"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="96"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="97"/>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="97"/>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="97"/>
        <source>Actual</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="98"/>
        <source>Gap</source>
        <translation>Écart</translation>
    </message>
</context>
<context>
    <name>BudgetTab</name>
    <message>
        <location filename="../../ui/budget_view.py" line="184"/>
        <source>Update quantities from the formats</source>
        <translation>Mettre à jour les quantités d&apos;après les formats</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="186"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="191"/>
        <source>Add a line…</source>
        <translation>Ajouter une ligne…</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="193"/>
        <source>Remove the selected line</source>
        <translation>Supprimer la ligne sélectionnée</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="221"/>
        <source>Funding split (planned)</source>
        <translation>Répartition des financements (prévu)</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228"/>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228"/>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="228"/>
        <source>Actual</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="231"/>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="231"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="231"/>
        <source>Charges</source>
        <translation>Charges</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="232"/>
        <source>Income</source>
        <translation>Produits</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="232"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="238"/>
        <source>Targets against planned and actual shares</source>
        <translation>Objectifs face aux parts prévues et réalisées</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="240"/>
        <source>Participation scenarios</source>
        <translation>Scénarios de participation</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="285"/>
        <source>Select the line to remove in the table.</source>
        <translation>Sélectionnez dans le tableau la ligne à supprimer.</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="306"/>
        <source>No budget: create an event from a template.</source>
        <translation>Aucun budget : créez un événement depuis un modèle.</translation>
    </message>
    <message>
        <location filename="../../ui/budget_view.py" line="309"/>
        <source>Charges %1 — income %2 — result %3 (actual: %4)</source>
        <translation>Charges %1 — produits %2 — résultat %3 (réalisé : %4)</translation>
    </message>
</context>
<context>
    <name>ElevationChart</name>
    <message>
        <location filename="../../ui/elevation_chart.py" line="34"/>
        <source>Distance (km)</source>
        <translation>Distance (km)</translation>
    </message>
    <message>
        <location filename="../../ui/elevation_chart.py" line="37"/>
        <source>Elevation (m)</source>
        <translation>Altitude (m)</translation>
    </message>
    <message>
        <location filename="../../ui/elevation_chart.py" line="62"/>
        <source>No elevation: import a DEM to see the profile</source>
        <translation>Pas d&apos;altitudes : importez un MNT pour voir le profil</translation>
    </message>
</context>
<context>
    <name>EventPanel</name>
    <message>
        <location filename="../../ui/event_panel.py" line="43"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="43"/>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="47"/>
        <source>Add a format</source>
        <translation>Ajouter un format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="49"/>
        <source>Remove the format</source>
        <translation>Supprimer le format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="54"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="71"/>
        <source>Pace for expected times and cut-offs: km/h, closing km/h, metres of climb per hour (empty: the discipline&apos;s)</source>
        <translation>Allure pour les heures de passage et les barrières : km/h, km/h de fermeture, mètres de D+ par heure (vide : celle de la discipline)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="74"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="75"/>
        <source>Target distance</source>
        <translation>Distance visée</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="76"/>
        <source>Maximum participants</source>
        <translation>Participants au maximum</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="77"/>
        <source>Fee (€)</source>
        <translation>Tarif (€)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="78"/>
        <source>Pace (km/h / closing / climb per hour)</source>
        <translation>Allure (km/h / fermeture / D+ par heure)</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="96"/>
        <source>A format is already named « %1 ».</source>
        <translation>Un format s&apos;appelle déjà « %1 ».</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="166"/>
        <source>no route yet</source>
        <translation>pas encore de parcours</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="168"/>
        <source>%1 km, %2 rupture points</source>
        <translation>%1 km, %2 points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/event_panel.py" line="171"/>
        <source>Route</source>
        <translation>Parcours</translation>
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
        <source>Unsurveyed (straight connectors)</source>
        <translation>Non relevé (liaisons en ligne droite)</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
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
        <location filename="../../ui/main_window.py" line="92"/>
        <source>Map</source>
        <extracomment>Emitted once the map shows the network and accepts clicks. Emitted when the map has drawn the latest route (draw number). Emitted when a long operation finished (its result, or None when it failed/cancelled).</extracomment>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>Route</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Loading the network…</source>
        <translation>Chargement du réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>&amp;New event from a template…</source>
        <translation>&amp;Nouvel événement depuis un modèle…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>Save &amp;as…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>Recent files</source>
        <translation>Fichiers récents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>OpenStreetMap extract (.osm.pbf)…</source>
        <translation>Extrait OpenStreetMap (.osm.pbf)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>GIS layers (GeoJSON, GeoPackage, Shapefile)…</source>
        <translation>Couches SIG (GeoJSON, GeoPackage, Shapefile)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>GPX track as the route…</source>
        <translation>Trace GPX comme parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158"/>
        <source>Elevation model (DEM)…</source>
        <translation>Modèle numérique de terrain (MNT)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>GPX of this format…</source>
        <translation type="vanished">GPX de ce format…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Participants&apos; pack (folder)…</source>
        <translation>Dossier participants (complet)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>Course file of this format (GPX, FIT, KML, TCX)…</source>
        <translation>Fichier du parcours de ce format (GPX, FIT, KML, TCX)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Participants&apos; zip (every format)…</source>
        <translation>Dossier zip des participants (tous les formats)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>Budget workbook (xlsx)…</source>
        <translation>Classeur du budget (xlsx)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>HTML map…</source>
        <translation>Carte HTML…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>Declaration file…</source>
        <translation>Dossier de déclaration…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>Export the declaration file</source>
        <translation>Exporter le dossier de déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>Preparing the declaration file…</source>
        <translation>Préparation du dossier de déclaration…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>Declaration file</source>
        <translation>Dossier de déclaration</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239"/>
        <source>No event</source>
        <translation>Aucun événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="257"/>
        <source>Network: %1 — %2 nodes, %3 places</source>
        <translation>Réseau : %1 — %2 nœuds, %3 lieux</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="275"/>
        <source>Point %1</source>
        <translation>Point %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>New format</source>
        <translation>Nouveau format</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source>Format « %1 » removed (Ctrl+Z to undo).</source>
        <translation>Format « %1 » supprimé (Ctrl+Z pour annuler).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="404"/>
        <source>Generating the route…</source>
        <translation>Génération du parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438"/>
        <source>Open an event</source>
        <translation>Ouvrir un événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="439"/>
        <location filename="../../ui/main_window.py" line="480"/>
        <source>Cavalier projects (*.cavalier)</source>
        <translation>Projets Cavalier (*.cavalier)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="446"/>
        <source>Recover unsaved work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="447"/>
        <source>Cavalier was closed without saving %1. Recover the autosaved work?</source>
        <translation>Cavalier a été fermé sans enregistrer %1. Récupérer le travail enregistré automatiquement ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="478"/>
        <source>Save the event</source>
        <translation>Enregistrer l&apos;événement</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="492"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="500"/>
        <source>Saved: %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="515"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="516"/>
        <source>Save the changes to « %1 »?</source>
        <translation>Enregistrer les modifications de « %1 » ?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="542"/>
        <source>Import an OpenStreetMap extract</source>
        <translation>Importer un extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="543"/>
        <source>OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)</source>
        <translation>OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545"/>
        <source>Importing OpenStreetMap…</source>
        <translation>Import OpenStreetMap…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="551"/>
        <source>Import GIS layers</source>
        <translation>Importer des couches SIG</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="552"/>
        <source>GIS layers (*.geojson *.json *.gpkg *.shp)</source>
        <translation>Couches SIG (*.geojson *.json *.gpkg *.shp)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="555"/>
        <source>Building the network…</source>
        <translation>Construction du réseau…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="561"/>
        <source>Import an elevation model</source>
        <translation>Importer un modèle numérique de terrain</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="562"/>
        <source>DEM (*.tif *.tiff *.hgt)</source>
        <translation>MNT (*.tif *.tiff *.hgt)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="565"/>
        <source>Reading the elevation model…</source>
        <translation>Lecture du MNT…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="574"/>
        <source>Import a GPX track</source>
        <translation>Importer une trace GPX</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="574"/>
        <location filename="../../ui/main_window.py" line="595"/>
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="578"/>
        <source>Importing the GPX track…</source>
        <translation>Import de la trace GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="596"/>
        <source>GPX compatible, 500 points at most (*.gpx)</source>
        <translation>GPX compatible, 500 points au plus (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="597"/>
        <source>FIT course for Garmin (*.fit)</source>
        <translation>Parcours FIT pour Garmin (*.fit)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="598"/>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="598"/>
        <source>TCX course (*.tcx)</source>
        <translation>Parcours TCX (*.tcx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="600"/>
        <source>Export the course</source>
        <translation>Exporter le parcours</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="614"/>
        <source>Exporting the course…</source>
        <translation>Export du parcours…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="626"/>
        <source>Folder of the participants&apos; pack</source>
        <translation>Dossier du pack participants</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="638"/>
        <source>Exporting the participants&apos; pack…</source>
        <translation>Export du dossier participants…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="652"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="653"/>
        <source>Not exported, and notes:</source>
        <translation>Non exporté, et remarques :</translation>
    </message>
    <message>
        <source>Export GPX</source>
        <translation type="vanished">Exporter en GPX</translation>
    </message>
    <message>
        <source>Exporting GPX…</source>
        <translation type="vanished">Export GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="663"/>
        <source>Export the participants&apos; zip</source>
        <translation>Exporter le dossier zip des participants</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="664"/>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="667"/>
        <source>Exporting GPX files…</source>
        <translation>Export des fichiers GPX…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="680"/>
        <source>Export the budget</source>
        <translation>Exporter le budget</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="681"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="683"/>
        <source>Exporting the budget…</source>
        <translation>Export du budget…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="691"/>
        <source>Export an HTML map</source>
        <translation>Exporter une carte HTML</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="692"/>
        <source>Web page (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="695"/>
        <source>Exporting the map…</source>
        <translation>Export de la carte…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="645"/>
        <location filename="../../ui/main_window.py" line="700"/>
        <source>Exported: %1</source>
        <translation>Exporté : %1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Cavalier…</source>
        <translation>À &amp;propos de Cavalier…</translation>
    </message>
    <message>
        <source>Unsurveyed parts</source>
        <translation>Tronçons non relevés</translation>
    </message>
    <message>
        <source>The GPX description states it as well. Continue the export?</source>
        <translation>La description du GPX le signale aussi. Continuer l&apos;export ?</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>&amp;Network</source>
        <translation>&amp;Réseau</translation>
    </message>
    <message>
        <source>Import recce tracks…</source>
        <translation>Importer des traces de reconnaissance…</translation>
    </message>
    <message>
        <source>Import recce tracks</source>
        <translation>Importer des traces de reconnaissance</translation>
    </message>
    <message>
        <source>Importing recce tracks…</source>
        <translation>Import des traces de reconnaissance…</translation>
    </message>
    <message>
        <source>Recce tracks</source>
        <translation>Traces de reconnaissance</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="57"/>
        <source>Participants&apos; pack</source>
        <translation>Dossier participants</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="64"/>
        <source>Address of the page (for the QR codes)</source>
        <translation>Adresse de la page (pour les QR codes)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="65"/>
        <source>Organiser&apos;s contact</source>
        <translation>Contact de l&apos;organisation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Download OpenStreetMap for the Bassin minier…</source>
        <translation>Télécharger OpenStreetMap du Bassin minier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Download the OpenStreetMap extract of Nord-Pas-de-Calais from Geofabrik (about 200 MB, once: it is kept in the cache), clip it to the Bassin minier and build the network of paths and roads?

Data © OpenStreetMap contributors, ODbL licence. An interrupted download resumes where it stopped.</source>
        <translation>Télécharger l'extrait OpenStreetMap du Nord-Pas-de-Calais chez Geofabrik (environ 200 Mo, une seule fois : il est gardé en cache), le découper au Bassin minier et construire le réseau des chemins et des routes ?

Données © les contributeurs d'OpenStreetMap, licence ODbL. Un téléchargement interrompu reprend là où il s'est arrêté.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Download OpenStreetMap</source>
        <translation>Télécharger OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Downloading OpenStreetMap for the Bassin minier…</source>
        <translation>Téléchargement d'OpenStreetMap pour le Bassin minier…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>data © OpenStreetMap contributors (ODbL)</source>
        <translation>données © les contributeurs d'OpenStreetMap (ODbL)</translation>
    </message>
</context>
<context>
    <name>RoutePanel</name>
    <message>
        <location filename="../../ui/route_panel.py" line="47"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="51"/>
        <source>A map click adds</source>
        <translation>Un clic sur la carte ajoute</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="57"/>
        <source>Target length</source>
        <translation>Longueur visée</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="61"/>
        <source>Loop</source>
        <translation>Boucle</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="61"/>
        <source>Race</source>
        <translation>Course</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="62"/>
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="76"/>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="79"/>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="79"/>
        <source>Climb / descent</source>
        <translation>D+ / D−</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="80"/>
        <source>On cavaliers</source>
        <translation>Sur cavaliers</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="81"/>
        <source>On the green and blue network</source>
        <translation>Sur la Trame verte et bleue</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="82"/>
        <source>Rupture points</source>
        <translation>Points de rupture</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="83"/>
        <source>Spoil tips</source>
        <translation>Terrils</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="84"/>
        <source>Communes crossed</source>
        <translation>Communes traversées</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="93"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="93"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="94"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="100"/>
        <source>Route points and waypoints</source>
        <translation>Points de passage et repères</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="108"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="166"/>
        <source>unknown (no elevation data)</source>
        <translation>inconnu (pas d&apos;altitudes)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="170"/>
        <source>(estimated from the spoil tips&apos; heights)</source>
        <translation>(estimé d&apos;après la hauteur des terrils)</translation>
    </message>
    <message>
        <source>unsurveyed part unknown (route computed before provenance: recompute it)</source>
        <translation>part non relevée inconnue (parcours calculé avant le suivi de la provenance : recalculez-le)</translation>
    </message>
    <message>
        <location filename="../../ui/route_panel.py" line="1" />
        <source>crossings unknown (network without roads)</source>
        <translation>traversées inconnues (réseau sans routes)</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="36"/>
        <source>New event from a template</source>
        <translation>Nouvel événement depuis un modèle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="44"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="45"/>
        <source>Edition year</source>
        <translation>Année de l&apos;édition</translation>
    </message>
</context>
</TS>
