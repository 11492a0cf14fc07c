<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Dockside::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="27"/>
        <source>Sync: not started</source>
        <translation>Sincronización: sin iniciar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="40"/>
        <source>%1 waiting, %2 need a supervisor</source>
        <translation>%1 en espera, %2 requieren un supervisor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="45"/>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="53"/>
        <source>Database unavailable</source>
        <translation>Base de datos no disponible</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="66"/>
        <source>Sync: waiting for the sync lease</source>
        <translation>Sincronización: esperando el turno de sincronización</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="67"/>
        <source>Sync: done by %1</source>
        <translation>Sincronización: la realiza %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="72"/>
        <source>%1: syncing %2%</source>
        <translation>%1: sincronizando %2%</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="74"/>
        <source>%1: sync failed</source>
        <translation>%1: falló la sincronización</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="76"/>
        <source>%1: synced %2</source>
        <translation>%1: sincronizado %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="79"/>
        <source>%1: not synced yet</source>
        <translation>%1: aún sin sincronizar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="59"/>
        <source>Sync: no merchants</source>
        <translation>Sincronización: sin comercios</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="90"/>
        <source>About Dockside</source>
        <translation>Acerca de Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="91"/>
        <source>&lt;h3&gt;Dockside %1&lt;/h3&gt;&lt;p&gt;Receiving station for warehouses that handle Loop Returns.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dockside %1&lt;/h3&gt;&lt;p&gt;Estación de recepción para almacenes que gestionan devoluciones de Loop Returns.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="9"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="244"/>
        <source>Dockside</source>
        <translation>Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="24"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="257"/>
        <source>Dockside receiving station</source>
        <translation>Estación de recepción Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="30"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="258"/>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="32"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="259"/>
        <source>Location:</source>
        <translation>Ubicación:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="34"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="260"/>
        <source>Schema version:</source>
        <translation>Versión del esquema:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="36"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="261"/>
        <source>Merchants:</source>
        <translation>Comercios:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="38"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="262"/>
        <source>Returns on file:</source>
        <translation>Devoluciones registradas:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="40"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="263"/>
        <source>Pushes to Loop:</source>
        <translation>Envíos a Loop:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="48"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="264"/>
        <source>No merchants are set up yet: returns appear here once a merchant is added and synced from Loop.</source>
        <translation>Todavía no hay comercios configurados: las devoluciones aparecen aquí cuando se añade un comercio y se sincroniza con Loop.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="67"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="265"/>
        <source>The database is not available</source>
        <translation>La base de datos no está disponible</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="82"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="266"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="88"/>
        <location filename="../ui/MainWindow.ui" line="130"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="249"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="267"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="112"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="268"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="118"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="269"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="126"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="245"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualizar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="127"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="247"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="131"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="251"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="134"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="253"/>
        <source>&amp;About Dockside</source>
        <translation>&amp;Acerca de Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="135"/>
        <location filename="../build/dev/ui/dockside_ui_autogen/include/ui_MainWindow.h" line="255"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
</context>
</TS>
