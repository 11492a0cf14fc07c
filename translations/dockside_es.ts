<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ChooserDialog</name>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="9"/>
        <source>Which return is it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="36"/>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="37"/>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="38"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="39"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="40"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="41"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="42"/>
        <source>Matched by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::ChooserDialog</name>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="23"/>
        <source>Open this return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="39"/>
        <source>This item is on one return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="40"/>
        <source>This item is on %1 returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="42"/>
        <source>%1 returns match this scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="44"/>
        <source>“%1” is an item code, not a label. Pick the return this package belongs to (check the packing slip), or press Escape and scan the label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="47"/>
        <source>“%1” matches more than one return. Pick the one whose order and customer are on the package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="51"/>
        <source>Only the first %1 are listed; scan the label to narrow it down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="59"/>
        <location filename="../ui/ChooserDialog.cpp" line="60"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="65"/>
        <source>Not open in Loop: receiving it will flag it for a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::DemoEnvironment</name>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="65"/>
        <source>The Loop simulator did not get ready within %1 seconds. What it said: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="73"/>
        <source>The Loop simulator %1 could not be started: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="78"/>
        <source>The Loop simulator stopped at once (exit code %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="159"/>
        <source>The demo could not create its temporary folder in %1: %2. Check that it is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="171"/>
        <source>The demo needs the Loop simulator, loop-sim, and did not find it (looked at $DOCKSIDE_LOOP_SIM, %1 and %2). Build it with: cmake --build build/dev --target loop-sim (bash scripts/run.sh does), or set DOCKSIDE_LOOP_SIM to the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="189"/>
        <source>The demo database could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="203"/>
        <location filename="../app/DemoEnvironment.cpp" line="286"/>
        <source>The demo merchant could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="228"/>
        <source>Demo dock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="239"/>
        <source>Demo receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="271"/>
        <source>The Loop simulator said something unexpected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="278"/>
        <source>The demo merchant could not be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="304"/>
        <source>The Loop simulator holds no open return with a label to try; start the demo with more returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="350"/>
        <source>The Loop simulator holds no open return with a carrier label to try.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="369"/>
        <source>%1 label of return %2 (items: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="371"/>
        <source> (try this one first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="381"/>
        <source>order name of return %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="393"/>
        <source>item of return %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="439"/>
        <source>The Loop simulator did not answer %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="445"/>
        <source>The Loop simulator answered %1 with something that is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::ExpectedItemsModel</name>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="199"/>
        <source>To scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="201"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="203"/>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="205"/>
        <source>Extra unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="207"/>
        <source>Not on return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="222"/>
        <source>Line item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="238"/>
        <source>%1/%2</source>
        <comment>received/expected</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="245"/>
        <source>%1 – “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="254"/>
        <source>needs a grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="262"/>
        <source>1 photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="263"/>
        <source>%1 photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="281"/>
        <source>Scanned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="283"/>
        <source>Image: %1 (not loaded at the station)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="291"/>
        <source>%1 › %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="374"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="376"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="378"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="380"/>
        <source>Barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="382"/>
        <source>Qty</source>
        <comment>quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="384"/>
        <source>Return reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="386"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="388"/>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="390"/>
        <source>Notes and photos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::FlaggedReceiptsModel</name>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="37"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="39"/>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="41"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="43"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="45"/>
        <source>Why flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="47"/>
        <source>Received by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="96"/>
        <source>%1 at %2</source>
        <comment>user at station</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="103"/>
        <source>Loop return %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="107"/>
        <source>Return is %1 in Loop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::GuiStation</name>
    <message>
        <location filename="../app/GuiStation.cpp" line="163"/>
        <source>The merchants could not be read, so nothing syncs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/GuiStation.cpp" line="267"/>
        <source>The webhook receiver could not start on port %1 (%2). Choose another port in Settings, or stop the program that uses it; returns still arrive with the regular sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/GuiStation.cpp" line="290"/>
        <source>Receiving Loop&apos;s webhooks on port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/GuiStation.cpp" line="329"/>
        <source>The webhook receiver is off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::LanguageSwitcher</name>
    <message>
        <location filename="../ui/LanguageSwitcher.cpp" line="83"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="253"/>
        <source>Sync: not started</source>
        <translation>Sincronización: sin iniciar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="129"/>
        <source>%1 waiting, %2 need a supervisor</source>
        <translation>%1 en espera, %2 requieren un supervisor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="135"/>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="146"/>
        <location filename="../ui/MainWindow.cpp" line="257"/>
        <source>Database unavailable</source>
        <translation>Base de datos no disponible</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="154"/>
        <source>Add a merchant in Settings (Ctrl+,) to pull its returns from Loop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="160"/>
        <source>Sync: waiting for the sync lease</source>
        <translation>Sincronización: esperando el turno de sincronización</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="161"/>
        <source>Sync: done by %1</source>
        <translation>Sincronización: la realiza %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="166"/>
        <source>%1: syncing %2%</source>
        <translation>%1: sincronizando %2%</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="168"/>
        <source>%1: sync failed</source>
        <translation>%1: falló la sincronización</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="170"/>
        <source>%1: synced %2</source>
        <translation>%1: sincronizado %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="173"/>
        <source>%1: not synced yet</source>
        <translation>%1: aún sin sincronizar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="153"/>
        <source>Sync: no merchants</source>
        <translation>Sincronización: sin comercios</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="188"/>
        <source>Pushes: %n need a supervisor</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="190"/>
        <source>Pushes: %n waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="192"/>
        <source>Pushes: all sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="194"/>
        <source>%n merchant(s) paused</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="201"/>
        <source>%1 waiting, %2 being sent, %3 need a supervisor, %4 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="209"/>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="264"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="265"/>
        <source>%1 · not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="268"/>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="268"/>
        <source>receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="269"/>
        <source>%1 · %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="275"/>
        <source>Receive screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="276"/>
        <source>Supervisor screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="277"/>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="278"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="279"/>
        <source>Sign in as someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="280"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="281"/>
        <source>Condition of the selected item (receive screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="282"/>
        <source>Undo the last item scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="283"/>
        <source>Submit the receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="284"/>
        <source>Put the return back without submitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="285"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="290"/>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="291"/>
        <source>&lt;p&gt;A barcode scanner works anywhere in the window: a scan is taken as a scan even when another field has the focus.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="302"/>
        <source>About Dockside</source>
        <translation>Acerca de Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="303"/>
        <source>&lt;h3&gt;Dockside %1&lt;/h3&gt;&lt;p&gt;Receiving station for warehouses that handle Loop Returns.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dockside %1&lt;/h3&gt;&lt;p&gt;Estación de recepción para almacenes que gestionan devoluciones de Loop Returns.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Dockside::MerchantTableModel</name>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="38"/>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="40"/>
        <source>OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="42"/>
        <source>protected file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="43"/>
        <source>unknown store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="75"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="75"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="87"/>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="89"/>
        <source>Loop API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="91"/>
        <source>API key kept in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="93"/>
        <source>Webhook secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="95"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::OverrideNoteDialog</name>
    <message>
        <location filename="../ui/OverrideNoteDialog.cpp" line="43"/>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::ParkedPushesModel</name>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="39"/>
        <source>Parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="41"/>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="43"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="45"/>
        <source>Call</source>
        <comment>a call to Loop&apos;s API</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="47"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="49"/>
        <source>What Loop said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="108"/>
        <source>Loop return %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::ReceivePage</name>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="43"/>
        <source>tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="45"/>
        <source>return number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="47"/>
        <source>order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="49"/>
        <source>customer e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="51"/>
        <source>item barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="53"/>
        <source>item SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="62"/>
        <source>process</source>
        <comment>Loop call</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="64"/>
        <source>flag</source>
        <comment>Loop call</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="66"/>
        <source>note</source>
        <comment>Loop call</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="68"/>
        <source>grades</source>
        <comment>Loop call</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="70"/>
        <source>dispositions</source>
        <comment>Loop call</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="72"/>
        <source>close</source>
        <comment>Loop call</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="74"/>
        <source>cancel</source>
        <comment>Loop call</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="225"/>
        <source>%1   %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="227"/>
        <source>%1 (key %2, or Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="230"/>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="234"/>
        <source>%1   Alt+%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="238"/>
        <source>Scan the label on the parcel. An order number (#1042), a return number, the customer&apos;s e-mail or an item barcode work too; type one and press Enter if the label is unreadable.

Then scan each item and press its condition key (1 Grade A … 6 Junk). Ctrl+Enter shows the decision, Ctrl+Enter again sends it. Ctrl+Z undoes the last scan, Esc gives the return back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="247"/>
        <location filename="../ui/ReceivePage.cpp" line="305"/>
        <source>Ready for the next package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="254"/>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="254"/>
        <source>Look up what was typed in the scan field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="255"/>
        <source>1 … 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="255"/>
        <source>Condition of the scanned item (in the empty scan field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="256"/>
        <source>Ctrl+1 … Ctrl+6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="256"/>
        <source>Condition of the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="257"/>
        <source>Alt+1 … Alt+4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="257"/>
        <source>Disposition of the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="258"/>
        <source>Up, Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="258"/>
        <source>Select another item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="259"/>
        <source>Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="259"/>
        <source>Note on the selected item (Enter saves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="260"/>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="260"/>
        <source>Add a photo file to the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="261"/>
        <source>Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="261"/>
        <source>Mark the selected item missing, or not missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="262"/>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="262"/>
        <source>Receive the selected item without scanning it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="263"/>
        <source>Ctrl+Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="263"/>
        <source>Undo the last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="264"/>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="264"/>
        <source>Show the decision; again: send it to Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="265"/>
        <source>Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="265"/>
        <source>Back from the decision; give the return back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="300"/>
        <source>Not connected to the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="350"/>
        <source>Not connected to the database: the scan was not looked up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="354"/>
        <source>Finish the open window first, then scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="439"/>
        <source>That is the label of return %1, which is open: scan its items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="455"/>
        <source>That parcel label matches no return, so it was not added to return %1. Submit or give back this return, then scan the label again to record the package as unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="488"/>
        <location filename="../ui/ReceivePage.cpp" line="892"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="507"/>
        <source>An item code: pick the return it came with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivePage.cpp" line="508"/>
        <source>%n returns match: pick one.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="516"/>
        <source>Another package?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="517"/>
        <source>This scan is the label of another return, not of return %1 that is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="521"/>
        <source>Give return %1 back and open the scanned one?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="523"/>
        <source>Give return %1 back and open the scanned one? The item recorded on it is discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="524"/>
        <source>Give return %1 back and open the scanned one? The %2 items recorded on it are discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="527"/>
        <source>Switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="529"/>
        <source>Stay on return %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="551"/>
        <source>That label belongs to another return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="563"/>
        <source>No return matches this scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="575"/>
        <source>The package was not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="579"/>
        <source>Unknown package %1 recorded: put it on the exception shelf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="610"/>
        <source>Return %1: 1 item to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="611"/>
        <source>Return %1: %2 items to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="615"/>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="615"/>
        <source>. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="634"/>
        <source>%1: received. Its condition?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="637"/>
        <source>One more %1 than expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="640"/>
        <source>%1 is not on this return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="655"/>
        <location filename="../ui/ReceivePage.cpp" line="684"/>
        <location filename="../ui/ReceivePage.cpp" line="721"/>
        <source>Scan the item first, or select a scanned one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="671"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="674"/>
        <source>%1: %2. The return will be flagged for a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="696"/>
        <source>Disposition: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="697"/>
        <source>Disposition cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="711"/>
        <source>Note saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="726"/>
        <source>Photos of the item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="728"/>
        <source>Images (*.jpg *.jpeg *.png *.heic *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="754"/>
        <source>Photo added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="754"/>
        <source>%1 photos added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="762"/>
        <source>Select the expected item that is missing first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="784"/>
        <source>%1 is no longer marked missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="785"/>
        <source>%1 marked missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="795"/>
        <source>Select the expected item that is in the package first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="802"/>
        <source>This item has neither barcode nor SKU, so it can only be marked missing here; a supervisor can receive it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="826"/>
        <source>Undid the scan of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="826"/>
        <source>an item not on this return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="874"/>
        <source>FLAG for a supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="874"/>
        <source>PROCESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="882"/>
        <source>Everything expected arrived, in a condition the merchant accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="884"/>
        <source>Note to Loop: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="892"/>
        <source>Ctrl+Enter sends to Loop, in this order: %1. Nothing is sent before that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="896"/>
        <source>Return %1 will be flagged for a supervisor. Ctrl+Enter sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="900"/>
        <source>Return %1 will be processed. Ctrl+Enter sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="919"/>
        <source>Return %1 submitted: flagged for a supervisor. Next package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="921"/>
        <source>Return %1 submitted: process. Next package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="929"/>
        <source>Nothing sent. Go on with the items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="956"/>
        <source>Give the return back?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="957"/>
        <source>Give return %1 back without submitting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="962"/>
        <source>The item recorded here is kept as an abandoned receipt, nothing goes to Loop, and any station can then receive the return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="964"/>
        <source>The %1 items recorded here are kept as an abandoned receipt, nothing goes to Loop, and any station can then receive the return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="967"/>
        <source>Give back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="969"/>
        <source>Keep receiving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="994"/>
        <source>Return %1 was closed here, but the station could not say so: %2 Its claim lapses on its own within 15 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1000"/>
        <source>Return %1 given back, nothing submitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1105"/>
        <source>Unknown merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1106"/>
        <source>%1  ·  Return %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1108"/>
        <source>No order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1108"/>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1115"/>
        <source>Label: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1120"/>
        <source>Tracking %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1135"/>
        <source>%1 of %2 received</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivePage.cpp" line="1137"/>
        <source>%n missing</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivePage.cpp" line="1139"/>
        <source>%n extra</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1153"/>
        <source>Scan an item, or pick one with the arrow keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1156"/>
        <source>Extra unit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1159"/>
        <source>Not on this return: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1176"/>
        <source>1 photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1176"/>
        <source>%1 photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1183"/>
        <source>Not missing after all  Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1184"/>
        <source>Mark missing  Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::RelinkDialog</name>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="29"/>
        <source>Package scanned as &lt;b&gt;%1&lt;/b&gt; by %2 at %3, %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="50"/>
        <source>Re-link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="52"/>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="84"/>
        <source>Dockside cannot read that as a code. Scan the return&apos;s label again, or type its order name or Loop return number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="86"/>
        <source>Could not look the code up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="90"/>
        <source>No return matches &quot;%1&quot;. Check the code, or wait for the next sync if the return is new in Loop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="108"/>
        <source>%1 · %2 · Loop return %3 · %4 · %5</source>
        <comment>order, merchant, return number, email, state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="119"/>
        <source>One return has an item with this code. Check it is the right one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="120"/>
        <source>This code names one return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/RelinkDialog.cpp" line="123"/>
        <source>More than %n returns match: showing the first ones. A more precise code narrows it down.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/RelinkDialog.cpp" line="125"/>
        <source>%n returns match: pick the right one.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockside::SerialScanner</name>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="24"/>
        <source>No scanner port is set. Enter the port the scanner is on (for example ttyUSB0 or COM3) in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="29"/>
        <source>The scanner speed %1 is not a baud rate. Use the one in the scanner&apos;s manual, usually 9600.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="38"/>
        <source>There is no serial port %1. Check that the scanner is plugged in and that the port name in Settings is right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="43"/>
        <source>The scanner port %1 is in use by another program, or this user may not open it. Close the other program; on Linux, add the user to the &quot;dialout&quot; group and sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="48"/>
        <source>The scanner port %1 cannot be opened (%2). Check the cable and the port name in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="60"/>
        <source>The scanner port %1 does not take %2 baud, 8 data bits, no parity (%3). Set the speed from the scanner&apos;s manual in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="114"/>
        <source>The scanner on %1 sent more than %2 bytes without ending a line. Check its speed (baud rate) and that it ends each code with Enter (CR or LF).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="129"/>
        <source>The scanner on %1 was disconnected. Plug it in again and reopen the port in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="134"/>
        <source>The scanner on %1 reported an error: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="133"/>
        <source>The station needs a name, e.g. &quot;Dock 3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="135"/>
        <source>The station name may have at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="137"/>
        <source>The database URL is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="139"/>
        <source>The sync interval must be from %1 to %2 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="144"/>
        <source>The daily sweep must cover from %1 to %2 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="149"/>
        <source>The webhook port must be a number from %1 to %2, e.g. 8787.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="154"/>
        <source>That language is not available: choose English, Español or the system language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="156"/>
        <source>The scanner port must be a device name such as /dev/ttyACM0 or COM3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="158"/>
        <source>Choose one of the listed scanner speeds (most scanners use 9600 baud).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="160"/>
        <source>The supervisor PIN must be %1 to %2 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="165"/>
        <source>The settings could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="172"/>
        <source>A merchant is being saved; wait a moment, then press OK again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="177"/>
        <source>The merchant form has changes that are not saved: press &quot;Save merchant&quot;, or press Cancel to leave without saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="208"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="209"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="211"/>
        <location filename="../ui/SettingsDialog.cpp" line="267"/>
        <source>None (keyboard-wedge scanner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="213"/>
        <source>none: the database could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="215"/>
        <location filename="../ui/SettingsDialog.cpp" line="414"/>
        <source>Merchant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="215"/>
        <location filename="../ui/SettingsDialog.cpp" line="414"/>
        <source>New merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="225"/>
        <source>Loop delivers to http://%1:%2/loop/webhooks/&lt;merchant id&gt; (the receiver listens on every network interface of this computer). Each merchant&apos;s webhook secret is set on the Merchants tab. The receiver starts or stops when you press OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="358"/>
        <source>No database is open, so merchants cannot be changed now. Fix the database first (the main window says what is wrong).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="365"/>
        <source>The merchants could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="410"/>
        <source>The stored rules could not be read (%1). The form shows the defaults; saving replaces the stored rules with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="456"/>
        <source>Finding out where this station keeps API keys… Merchants can be saved in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="460"/>
        <source>No OS keychain answers on this computer, so API keys and webhook secrets are kept in the protected file %1. Only this user can read it, but it is not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="465"/>
        <source>API keys and webhook secrets are kept in the OS keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="473"/>
        <source>protected file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="473"/>
        <source>OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="476"/>
        <source>Paste the API key from Loop (needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="479"/>
        <source>Stored in the %1; type a new key only to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="482"/>
        <source>Optional: only needed to receive webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="485"/>
        <source>Stored in the %1; type a new secret only to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="522"/>
        <source>The merchant needs a name, e.g. Acme Outdoor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="526"/>
        <source>The Loop API address must be an http:// or https:// address with a host, e.g. https://api.loopreturns.com/api</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="531"/>
        <source>The Loop API address must be just the address, without a user name, password, query or fragment; the API key has its own field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="540"/>
        <source>Paste the merchant&apos;s API key from Loop (Loop Admin → Developers → API keys).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="545"/>
        <source>That is far too long for an API key or webhook secret: check what was pasted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="552"/>
        <source>A merchant named &quot;%1&quot; already exists: choose another name, or select it in the list to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="564"/>
        <source>The station is still finding out where to keep API keys; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="581"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="612"/>
        <source>The secret could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="627"/>
        <location filename="../ui/SettingsDialog.cpp" line="632"/>
        <source>The merchant could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="644"/>
        <source>%1 was saved, but its receiving rules were not: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="646"/>
        <source>%1 is saved; its API key is kept in the %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="679"/>
        <source>A supervisor PIN is set. To change it, enter the current PIN, then the new one twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="680"/>
        <source>No supervisor PIN is set yet. Set one so that supervisors can sign in: %1 to %2 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="685"/>
        <source>Change &amp;PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="685"/>
        <source>Set &amp;PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="697"/>
        <source>The current PIN is not right; the PIN was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="707"/>
        <source>The two new PINs differ: type the same PIN in both fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="718"/>
        <source>The supervisor PIN is saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::SignInDialog</name>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="35"/>
        <source>You can try the PIN again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="59"/>
        <source>Type your name: it is recorded with every receipt you submit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="68"/>
        <source>No supervisor PIN is set on this station yet. Sign in as a receiver, then set one in Settings (Ctrl+,) on the Supervisor PIN tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="75"/>
        <source>Type the supervisor PIN, or choose Receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SignInDialog.cpp" line="85"/>
        <source>That PIN is not right, %n times in a row. Wait %1 seconds before trying again, or sign in as a receiver.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="91"/>
        <source>That PIN is not right. Try again, or sign in as a receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="115"/>
        <source>Sign in at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="116"/>
        <source>Sign &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="129"/>
        <source>%1 to %2 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="130"/>
        <source>No PIN is set yet (Settings → Supervisor PIN)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::SupervisorDetailView</name>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="71"/>
        <source>Unknown package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="72"/>
        <source>Scanned as &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="74"/>
        <source>Received %1 by %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="76"/>
        <location filename="../ui/SupervisorDetailView.cpp" line="142"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="77"/>
        <source>No note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="79"/>
        <location filename="../ui/SupervisorDetailView.cpp" line="158"/>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="80"/>
        <source>No photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="83"/>
        <source>Re-link it to its return once you know which one it is: scan the return&apos;s label or type its order name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="97"/>
        <source>Order %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="99"/>
        <source>Loop return %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="99"/>
        <source>%1 in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="103"/>
        <source>label %1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="106"/>
        <source>Expected items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="107"/>
        <location filename="../ui/SupervisorDetailView.cpp" line="142"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="107"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="107"/>
        <source>Barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="107"/>
        <source>Customer&apos;s reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="116"/>
        <source>Receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="124"/>
        <source>%1 %2 by %3 at %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="129"/>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="134"/>
        <source>%1 by %2, %3</source>
        <comment>resolution by supervisor, time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="139"/>
        <source>Supervisor&apos;s note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="142"/>
        <source>Scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="142"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="142"/>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="147"/>
        <source>Line item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="148"/>
        <source>Unexpected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="162"/>
        <source>Not received at any station yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="164"/>
        <source>Calls to Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="166"/>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="169"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="169"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="169"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="169"/>
        <source>Last attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="169"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="182"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="183"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="183"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="183"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="183"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="186"/>
        <source>%1 at %2</source>
        <comment>user at station</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="209"/>
        <source>%1 (not on this station)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::SupervisorPage</name>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="120"/>
        <source>Any</source>
        <comment>date filter</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="123"/>
        <location filename="../ui/SupervisorPage.cpp" line="286"/>
        <source>All merchants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="124"/>
        <source>Any reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="280"/>
        <source>Could not read the merchants: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="337"/>
        <source>Unknown packages belong to no merchant yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="339"/>
        <source>Search scanned codes and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="339"/>
        <source>Search what Loop said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="345"/>
        <source>%1 (%2)</source>
        <comment>queue name (row count)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="347"/>
        <source>Flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="348"/>
        <source>Unknown packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="349"/>
        <source>Parked pushes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="356"/>
        <source>No database is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="363"/>
        <source>Nothing waiting here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="363"/>
        <source>Select a row to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="373"/>
        <source>This row names no return held at this station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="378"/>
        <source>Could not read the return: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="440"/>
        <source>Not done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="457"/>
        <source>Process order %1 anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="458"/>
        <source>Loop gets your note, then Process: the customer&apos;s refund or exchange goes ahead. The receipt leaves the flagged queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="460"/>
        <source>Process anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="462"/>
        <source>Order %1 will be processed in Loop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="473"/>
        <source>Keep order %1 flagged?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="474"/>
        <source>The return stays flagged in Loop for the merchant to decide. The receipt leaves this queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="475"/>
        <source>Keep flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="477"/>
        <source>Order %1 stays flagged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="488"/>
        <source>Close the return of order %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="489"/>
        <source>Loop closes the return without refund or exchange. Use this when nothing will be given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="490"/>
        <source>Close return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="492"/>
        <source>The return of order %1 will be closed in Loop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="503"/>
        <source>Cancel the return of order %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="504"/>
        <source>Loop cancels the return: the customer can start a new return for the same items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="504"/>
        <source>Cancel return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="506"/>
        <source>The return of order %1 will be cancelled in Loop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="521"/>
        <source>The package is linked to its return and can be received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="535"/>
        <source>Send %1 for order %2 again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="536"/>
        <source>The call goes back to the outbox and is sent to Loop again now. Fix what Loop complained about first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="537"/>
        <source>Retry push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="539"/>
        <source>%1 for order %2 will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="551"/>
        <source>Dismiss %1 for order %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="552"/>
        <source>The call is settled without being sent, e.g. because it was done in Loop&apos;s admin. Calls waiting behind it for the same return go ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="554"/>
        <source>Dismiss push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="556"/>
        <source>%1 for order %2 was dismissed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::SupervisorQueueModel</name>
    <message>
        <location filename="../ui/SupervisorQueueModel.cpp" line="211"/>
        <source>Could not read this queue: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::UnknownPackageDialog</name>
    <message>
        <location filename="../ui/UnknownPackageDialog.cpp" line="92"/>
        <source>Photos of the package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.cpp" line="94"/>
        <source>Images (*.jpg *.jpeg *.png *.heic *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dockside::UnknownPackagesModel</name>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="39"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="41"/>
        <source>Scanned code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="43"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="45"/>
        <source>Received by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="47"/>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="92"/>
        <source>%1 at %2</source>
        <comment>user at station</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="9"/>
        <source>Dockside</source>
        <translation>Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="24"/>
        <source>Dockside receiving station</source>
        <translation>Estación de recepción Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="30"/>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="32"/>
        <source>Location:</source>
        <translation>Ubicación:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="34"/>
        <source>Schema version:</source>
        <translation>Versión del esquema:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="36"/>
        <source>Merchants:</source>
        <translation>Comercios:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="38"/>
        <source>Returns on file:</source>
        <translation>Devoluciones registradas:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="40"/>
        <source>Pushes to Loop:</source>
        <translation>Envíos a Loop:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="48"/>
        <source>No merchants are set up yet: returns appear here once a merchant is added and synced from Loop.</source>
        <translation>Todavía no hay comercios configurados: las devoluciones aparecen aquí cuando se añade un comercio y se sincroniza con Loop.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="67"/>
        <source>The database is not available</source>
        <translation>La base de datos no está disponible</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="82"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="88"/>
        <location filename="../ui/MainWindow.ui" line="204"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="112"/>
        <source>&amp;Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="121"/>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="136"/>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="151"/>
        <source>Demo: codes to try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="159"/>
        <source>This is a demo station with a simulated Loop. Scan or type one of these codes into the scan field, or double-click one to scan it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="171"/>
        <source>&amp;Receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="172"/>
        <source>Receive packages (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="173"/>
        <source>F2</source>
        <translation type="unfinished">F2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="177"/>
        <source>Su&amp;pervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="178"/>
        <source>Flagged returns, unknown packages and refused pushes (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="179"/>
        <source>F3</source>
        <translation type="unfinished">F3</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="183"/>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="184"/>
        <source>Database, merchants and pushes at a glance (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="185"/>
        <source>F4</source>
        <translation type="unfinished">F4</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="189"/>
        <source>S&amp;ync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="190"/>
        <source>Pull returns from Loop now and refresh the screens (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="127"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="191"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="194"/>
        <source>Sign &amp;in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="195"/>
        <source>Change who works at this station (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="196"/>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="199"/>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="200"/>
        <source>Merchants, database, sync, scanner and language (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="201"/>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="205"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="208"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="212"/>
        <source>&amp;About Dockside</source>
        <translation>&amp;Acerca de Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="209"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
</context>
<context>
    <name>OverrideNoteDialog</name>
    <message>
        <location filename="../ui/OverrideNoteDialog.ui" line="9"/>
        <source>Supervisor action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/OverrideNoteDialog.ui" line="25"/>
        <source>&amp;Note (required: why you decide this; it goes into the audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/OverrideNoteDialog.ui" line="33"/>
        <source>e.g. Customer called: the missing sock was shipped separately</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <location filename="../ui/ReceivePage.ui" line="9"/>
        <source>Receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="19"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="27"/>
        <source>&amp;Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="35"/>
        <source>Scan a label, order number, return number, e-mail or item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="43"/>
        <source>Undo scan
Ctrl+Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="60"/>
        <source>Receiving is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="68"/>
        <source>The station has no database connection, so returns cannot be looked up or received. Fix the database (see the overview page) and receiving comes back on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="85"/>
        <source>Scan the return label to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="170"/>
        <source>Selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="185"/>
        <source>Condition: press its key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="204"/>
        <source>Disposition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="215"/>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="222"/>
        <source>Ctrl+N, type, Enter saves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="227"/>
        <source>Photos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="237"/>
        <source>Photo…  Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="255"/>
        <source>Received, label unreadable  Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="278"/>
        <source>Give back  Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="291"/>
        <source>Check and submit  Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="323"/>
        <source>Send to Loop  Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="331"/>
        <source>Back to the items  Esc</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceivingTexts</name>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="28"/>
        <source>Grade A</source>
        <comment>condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="30"/>
        <source>Grade B</source>
        <comment>condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="32"/>
        <source>Grade C</source>
        <comment>condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="34"/>
        <source>Grade D</source>
        <comment>condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="36"/>
        <source>Wrong item</source>
        <comment>condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="38"/>
        <source>Missing</source>
        <comment>condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="40"/>
        <source>Junk</source>
        <comment>condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="49"/>
        <source>Like new: unworn, tags on, original packaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="51"/>
        <source>Good: lightly used or packaging opened, sellable as is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="53"/>
        <source>Fair: visible wear or small defects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="55"/>
        <source>Poor: damaged, stained or incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="57"/>
        <source>Not the item the customer said they would send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="59"/>
        <source>Not in the package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="61"/>
        <source>Worthless: only fit for disposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="70"/>
        <source>Back to stock</source>
        <comment>disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="72"/>
        <source>Resale hold</source>
        <comment>disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="74"/>
        <source>Recycle</source>
        <comment>disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="76"/>
        <source>Donate</source>
        <comment>disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="78"/>
        <source>Missing</source>
        <comment>disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="87"/>
        <source>Items missing from the package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="89"/>
        <source>Items that are not on this return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="91"/>
        <source>Wrong items sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="93"/>
        <source>Condition below what the merchant accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="95"/>
        <source>More units than expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="97"/>
        <source>The return is not open in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="99"/>
        <source>The label was never delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="101"/>
        <source>Worth more than a receiver may process alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="103"/>
        <source>This merchant has a supervisor check every return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="105"/>
        <source>Decided by a supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="114"/>
        <source>The return is %1 in Loop, not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="117"/>
        <source>The label has no delivery status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="118"/>
        <source>The label was never delivered (status: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="120"/>
        <source>Worth %1, over the %2 a receiver may process alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivingTexts.cpp" line="135"/>
        <source>and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="140"/>
        <source>code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="142"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="144"/>
        <source>%1 (%2 units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="149"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="149"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="156"/>
        <source>No label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="158"/>
        <source>Label created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="160"/>
        <source>Not yet shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="162"/>
        <source>In transit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="164"/>
        <source>Out for delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="166"/>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="168"/>
        <source>Delivery failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="170"/>
        <source>Returned to sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="178"/>
        <source>open</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="180"/>
        <source>closed</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="182"/>
        <source>cancelled</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="184"/>
        <source>expired</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="186"/>
        <source>in review</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="188"/>
        <source>in an unknown state</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="200"/>
        <source>Cancelled in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="203"/>
        <source>Closed in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="206"/>
        <source>Expired in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="209"/>
        <source>Flagged for review in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="212"/>
        <source>Unknown state in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="217"/>
        <source>No label on record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="218"/>
        <source>Label never delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="222"/>
        <source>Worth %1: a supervisor decides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="225"/>
        <source>Every return of this merchant goes to a supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="232"/>
        <source>%1 %2</source>
        <comment>amount, currency</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelinkDialog</name>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="9"/>
        <source>Re-link unknown package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="15"/>
        <source>Which return is this package?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="26"/>
        <source>&amp;Return: scan its label, or type its order name, Loop return number or customer email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="40"/>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="58"/>
        <source>&amp;Note (required: how you know it is this return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="66"/>
        <source>e.g. Packing slip inside names order #1042</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="9"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="16"/>
        <source>&amp;Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="21"/>
        <source>Station &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="28"/>
        <source>e.g. Dock 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="33"/>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="42"/>
        <source>Sounds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="47"/>
        <source>Play a sound for a good scan, an unknown scan, a wrong item and a flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="52"/>
        <source>Serial scanner &amp;port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="63"/>
        <source>Scanner &amp;speed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="73"/>
        <source>A USB scanner that types like a keyboard needs no setting here. Choose a port only for a scanner on a serial (COM or tty) port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="80"/>
        <source>&amp;Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="85"/>
        <source>Database &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="91"/>
        <source>Empty: the SQLite file in the app data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="96"/>
        <source>In use now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="107"/>
        <source>sqlite:///absolute/path/station.sqlite for one workstation, or postgresql://user:password@host:port/database for a site where several stations share one database. The --db option and $DOCKSIDE_DB take precedence over this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="113"/>
        <source>A new database URL takes effect when Dockside is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="120"/>
        <source>S&amp;ync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="125"/>
        <source>Pull from Loop &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="138"/>
        <source>The daily &amp;sweep covers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="151"/>
        <source>&amp;Receive Loop&apos;s webhooks, so that new and changed returns arrive within seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="156"/>
        <source>Webhook &amp;port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="175"/>
        <source>&amp;Merchants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="196"/>
        <source>&amp;Add merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="205"/>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="210"/>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="216"/>
        <source>e.g. Acme Outdoor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="221"/>
        <source>Loop API &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="232"/>
        <source>API &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="241"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="252"/>
        <source>&amp;Webhook secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="263"/>
        <source>Requests per &amp;minute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="276"/>
        <source>Acti&amp;ve: sync and receive its returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="285"/>
        <source>Receiving rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="290"/>
        <source>Conditions that may be processed without a supervisor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="295"/>
        <source>Grade A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="296"/>
        <source>Grade B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="297"/>
        <source>Grade C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="298"/>
        <source>Grade D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="305"/>
        <source>Returns worth more than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="317"/>
        <source>go to a supervisor (in the return&apos;s currency)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="324"/>
        <source>Flag a package whose label was never marked delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="329"/>
        <source>&amp;Process automatically when everything is in order (off: every receipt waits for a supervisor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="350"/>
        <source>Sa&amp;ve merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="362"/>
        <source>Supervisor &amp;PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="372"/>
        <source>&amp;Current PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="385"/>
        <source>&amp;New PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="398"/>
        <source>New PIN &amp;again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="411"/>
        <source>Set &amp;PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/SignInDialog.ui" line="9"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="24"/>
        <source>Your &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="36"/>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="43"/>
        <source>&amp;Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="49"/>
        <source>&amp;Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="56"/>
        <source>Supervisor &amp;PIN:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="15"/>
        <source>You can look at these queues, but only a supervisor can act on them. Sign in as a supervisor to process, keep, close, cancel or re-link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="23"/>
        <source>&amp;Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="34"/>
        <source>F&amp;rom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="41"/>
        <source>First day shown. &quot;Any&quot; shows everything from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="46"/>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="53"/>
        <source>Last day shown, included. &quot;Any&quot; shows everything up to now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="58"/>
        <source>R&amp;eason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="81"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="86"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="107"/>
        <source>Flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="119"/>
        <source>Unknown packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="131"/>
        <source>Parked pushes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="156"/>
        <source>Process anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="157"/>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="158"/>
        <source>Tell Loop to process this return after all, with your note (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="163"/>
        <source>Keep flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="164"/>
        <source>Ctrl+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="165"/>
        <source>Leave the return flagged in Loop and take it off this queue (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="170"/>
        <source>Close return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="171"/>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="172"/>
        <source>Close the return in Loop without refund or exchange (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="177"/>
        <source>Cancel return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="178"/>
        <source>Ctrl+Shift+X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="179"/>
        <source>Cancel the return in Loop: the customer can return the items again (Ctrl+Shift+X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="184"/>
        <source>Re-link to a return…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="185"/>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="186"/>
        <source>Say which return this package belongs to (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="191"/>
        <source>Retry push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="192"/>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="193"/>
        <source>Send this call to Loop again now (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="198"/>
        <source>Dismiss push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="199"/>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="200"/>
        <source>Settle this call without sending it, e.g. when it was done in Loop&apos;s admin (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorText</name>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="15"/>
        <source>Item missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="17"/>
        <source>Unexpected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="19"/>
        <location filename="../ui/SupervisorText.cpp" line="147"/>
        <source>Wrong item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="21"/>
        <source>Condition below threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="23"/>
        <source>More items than expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="25"/>
        <source>Return not open in Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="27"/>
        <source>Label not delivered yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="29"/>
        <source>Value needs a supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="31"/>
        <source>Automatic processing off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="33"/>
        <source>Supervisor override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="44"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="58"/>
        <source>Process</source>
        <comment>decision</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="60"/>
        <source>Flag</source>
        <comment>decision</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="69"/>
        <source>Open</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="71"/>
        <source>Closed</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="73"/>
        <source>Cancelled</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="75"/>
        <source>Expired</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="77"/>
        <source>In review</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="79"/>
        <source>Unknown</source>
        <comment>return state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="88"/>
        <source>Being received</source>
        <comment>receipt status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="90"/>
        <source>Submitted</source>
        <comment>receipt status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="92"/>
        <source>Abandoned</source>
        <comment>receipt status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="101"/>
        <source>Process</source>
        <comment>push to Loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="103"/>
        <source>Flag</source>
        <comment>push to Loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="105"/>
        <source>Note</source>
        <comment>push to Loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="107"/>
        <source>Grade</source>
        <comment>push to Loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="109"/>
        <source>Assess</source>
        <comment>push to Loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="111"/>
        <source>Close</source>
        <comment>push to Loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="113"/>
        <source>Cancel</source>
        <comment>push to Loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="122"/>
        <source>Waiting</source>
        <comment>push status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="124"/>
        <source>Sent</source>
        <comment>push status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="126"/>
        <source>Parked</source>
        <comment>push status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="128"/>
        <source>Dismissed</source>
        <comment>push status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="136"/>
        <source>Not graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="139"/>
        <source>Grade A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="141"/>
        <source>Grade B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="143"/>
        <source>Grade C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="145"/>
        <source>Grade D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="149"/>
        <source>Missing</source>
        <comment>item condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="151"/>
        <source>Junk</source>
        <comment>item condition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="162"/>
        <source>Back to stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="164"/>
        <source>Resale hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="166"/>
        <source>Recycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="168"/>
        <source>Donate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="170"/>
        <source>Missing</source>
        <comment>disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="179"/>
        <source>No return yet</source>
        <comment>unknown package status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="181"/>
        <source>Matched</source>
        <comment>unknown package status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="189"/>
        <source>Scan</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="191"/>
        <source>Scan undone</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="193"/>
        <source>Marked missing</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="195"/>
        <source>Missing mark removed</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="197"/>
        <source>Receiving abandoned</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="199"/>
        <source>Decision</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="201"/>
        <source>Unknown package</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="203"/>
        <source>Unknown package matched</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="205"/>
        <source>Sent to Loop</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="207"/>
        <source>Closed in Loop</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="209"/>
        <source>Supervisor override</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="211"/>
        <source>Sync</source>
        <comment>audit action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="218"/>
        <source>Processed anyway</source>
        <comment>supervisor resolution</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="220"/>
        <source>Kept flagged</source>
        <comment>supervisor resolution</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="222"/>
        <source>Return closed</source>
        <comment>supervisor resolution</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="224"/>
        <source>Return cancelled</source>
        <comment>supervisor resolution</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnknownPackageDialog</name>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="9"/>
        <source>Unknown package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="19"/>
        <source>No return matches this package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="27"/>
        <source>Put it on the exception shelf and record it here. The scan is kept exactly as read: after the next sync from Loop it is matched to its return automatically, or a supervisor links it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="35"/>
        <source>Scan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="43"/>
        <source>Kept exactly as the scanner sent it; separators such as GS are shown as &lt;GS&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="48"/>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="54"/>
        <source>What is on the box: sender, order number on a slip, contents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="61"/>
        <source>Photos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="75"/>
        <source>Add &amp;photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="81"/>
        <source>&amp;Remove photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="112"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="119"/>
        <source>Put in exception queue (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/dockside_main.cpp" line="34"/>
        <location filename="../app/dockside_main.cpp" line="131"/>
        <source>Dockside</source>
        <translation type="unfinished">Dockside</translation>
    </message>
    <message>
        <location filename="../app/dockside_main.cpp" line="84"/>
        <source>Dockside receiving station</source>
        <translation type="unfinished">Estación de recepción Dockside</translation>
    </message>
    <message>
        <location filename="../app/dockside_main.cpp" line="88"/>
        <source>Database URL: sqlite:///path/to/file.sqlite or postgresql://user:password@host:port/database. Default: $DOCKSIDE_DB, else the URL in Settings, else dockside.sqlite in the app data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dockside_main.cpp" line="93"/>
        <source>Try Dockside without a Loop account: a throwaway database and a simulated Loop shop with returns, removed again on exit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
