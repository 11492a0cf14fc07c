<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>CameraCaptureDialog</name>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="9"/>
        <source>Take photos</source>
        <translation>Tomar fotos</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="33"/>
        <source>&amp;Camera:</source>
        <translation>&amp;Cámara:</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="40"/>
        <source>Several cameras are connected: choose the one pointed at the bench.</source>
        <translation>Hay varias cámaras conectadas: elija la que apunta a la mesa de trabajo.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="79"/>
        <source>The photos taken so far. Select one and press Delete to throw it away.</source>
        <translation>Las fotos tomadas hasta ahora. Seleccione una y presione Delete para desecharla.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="86"/>
        <source>Take photo  (Space)</source>
        <translation>Tomar foto  (Espacio)</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="94"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="95"/>
        <source>Start the camera again</source>
        <translation>Volver a iniciar la cámara</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="104"/>
        <source>Throw away  (Delete)</source>
        <translation>Desechar  (Delete)</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="105"/>
        <source>Delete the selected photo</source>
        <translation>Borrar la foto seleccionada</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="118"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.ui" line="126"/>
        <source>Use photos  (Ctrl+Enter)</source>
        <translation>Usar fotos  (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>ChooserDialog</name>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="9"/>
        <source>Which return is it?</source>
        <translation>¿Qué devolución es?</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="36"/>
        <source>Merchant</source>
        <translation>Comercio</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="37"/>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="38"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="39"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="40"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="41"/>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.ui" line="42"/>
        <source>Matched by</source>
        <translation>Coincide por</translation>
    </message>
</context>
<context>
    <name>Dockside::CameraCaptureDialog</name>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="64"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="73"/>
        <source>No camera was found. Close this window and add a photo file instead.</source>
        <translation>No se encontró ninguna cámara. Cierre esta ventana y agregue un archivo de foto en su lugar.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="118"/>
        <source>Photos taken</source>
        <translation>Fotos tomadas</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="119"/>
        <source>1 photo taken here. Use it, or throw it away?</source>
        <translation>Se tomó 1 foto aquí. ¿Usarla o desecharla?</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="120"/>
        <source>%1 photos taken here. Use them, or throw them away?</source>
        <translation>Se tomaron %1 fotos aquí. ¿Usarlas o desecharlas?</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="123"/>
        <source>Use them</source>
        <translation>Usarlas</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="125"/>
        <source>Throw them away</source>
        <translation>Desecharlas</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="127"/>
        <source>Go back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="193"/>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="237"/>
        <source>The camera was unplugged while taking the photo; that photo was not taken.</source>
        <translation>La cámara se desconectó mientras tomaba la foto; esa foto no se tomó.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="238"/>
        <source>The camera was unplugged.</source>
        <translation>La cámara se desconectó.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="241"/>
        <source>Plug it back in to go on, or close this window and add a photo file instead.</source>
        <translation>Vuelva a conectarla para continuar, o cierre esta ventana y agregue un archivo de foto en su lugar.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="244"/>
        <source>Now using %1.</source>
        <translation>Ahora se usa %1.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="247"/>
        <source>The photos taken so far are kept.</source>
        <translation>Las fotos tomadas hasta ahora se conservan.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="270"/>
        <source>The camera did not deliver the photo. Check that it is plugged in and not used by another program, then take the photo again.</source>
        <translation>La cámara no entregó la foto. Verifique que esté conectada y que ningún otro programa la esté usando, y luego vuelva a tomar la foto.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="307"/>
        <source>Taking the photo… hold still.</source>
        <translation>Tomando la foto… no se mueva.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="309"/>
        <source>Point the camera at it and press Space to take a photo.</source>
        <translation>Apunte la cámara y presione Espacio para tomar una foto.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="311"/>
        <source>1 photo taken. Space takes another, Ctrl+Enter uses it.</source>
        <translation>1 foto tomada. Espacio toma otra; Ctrl+Enter la usa.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="312"/>
        <source>%1 photos taken. Space takes another, Ctrl+Enter uses them.</source>
        <translation>%1 fotos tomadas. Espacio toma otra; Ctrl+Enter las usa.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="314"/>
        <source>Starting the camera…</source>
        <translation>Iniciando la cámara…</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="316"/>
        <source>1 photo taken so far.</source>
        <translation>1 foto tomada hasta ahora.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="316"/>
        <source>%1 photos taken so far.</source>
        <translation>%1 fotos tomadas hasta ahora.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="324"/>
        <source>The photo was not saved: the disk holding %1 is full. Free some space, then take the photo again.</source>
        <translation>La foto no se guardó: el disco donde está %1 está lleno. Libere espacio y luego vuelva a tomar la foto.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="328"/>
        <source>The photo was not saved: the folder %1 cannot be created. Check that its disk is connected and that the station may write there, or close this window and add a photo file instead.</source>
        <translation>La foto no se guardó: no se puede crear la carpeta %1. Verifique que su disco esté conectado y que la estación tenga permiso para escribir ahí, o cierre esta ventana y agregue un archivo de foto en su lugar.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="332"/>
        <source>The photo was not saved: the station may not write to %1. Ask for write access to that folder, or close this window and add a photo file instead.</source>
        <translation>La foto no se guardó: la estación no tiene permiso para escribir en %1. Pida permiso de escritura para esa carpeta, o cierre esta ventana y agregue un archivo de foto en su lugar.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="336"/>
        <source>The camera gave an unusable picture. Take the photo again.</source>
        <translation>La cámara entregó una imagen que no se puede usar. Vuelva a tomar la foto.</translation>
    </message>
    <message>
        <location filename="../ui/CameraCaptureDialog.cpp" line="337"/>
        <source>The photo was not saved in %1. Take it again; if that fails too, close this window and add a photo file instead.</source>
        <translation>La foto no se guardó en %1. Vuelva a tomarla; si también falla, cierre esta ventana y agregue un archivo de foto en su lugar.</translation>
    </message>
</context>
<context>
    <name>Dockside::CameraPhotoSource</name>
    <message>
        <location filename="../ui/CameraPhotoSource.cpp" line="48"/>
        <source>No camera was found. Plug one in, or close this window and add a photo file instead.</source>
        <translation>No se encontró ninguna cámara. Conecte una, o cierre esta ventana y agregue un archivo de foto en su lugar.</translation>
    </message>
    <message>
        <location filename="../ui/CameraPhotoSource.cpp" line="67"/>
        <location filename="../ui/CameraPhotoSource.cpp" line="117"/>
        <source>The camera is not ready yet. Wait a moment, then take the photo again.</source>
        <translation>La cámara todavía no está lista. Espere un momento y luego vuelva a tomar la foto.</translation>
    </message>
    <message>
        <location filename="../ui/CameraPhotoSource.cpp" line="70"/>
        <source>The camera stopped answering: it may have been unplugged or taken by another program. Check its cable, then press Retry.</source>
        <translation>La cámara dejó de responder: puede que se haya desconectado o que otro programa la esté usando. Revise el cable y luego presione Reintentar.</translation>
    </message>
    <message>
        <location filename="../ui/CameraPhotoSource.cpp" line="74"/>
        <source>The disk is full. Free some space, then take the photo again.</source>
        <translation>El disco está lleno. Libere espacio y luego vuelva a tomar la foto.</translation>
    </message>
    <message>
        <location filename="../ui/CameraPhotoSource.cpp" line="80"/>
        <source>The camera could not take the photo (%1). Take it again.</source>
        <translation>La cámara no pudo tomar la foto (%1). Vuelva a tomarla.</translation>
    </message>
    <message>
        <location filename="../ui/CameraPhotoSource.cpp" line="90"/>
        <source>The camera could not be started: another program may be using it, or it was unplugged. Close the other program or check the cable, then press Retry.</source>
        <translation>No se pudo iniciar la cámara: puede que otro programa la esté usando o que se haya desconectado. Cierre el otro programa o revise el cable, y luego presione Reintentar.</translation>
    </message>
</context>
<context>
    <name>Dockside::ChooserDialog</name>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="23"/>
        <source>Open this return</source>
        <translation>Abrir esta devolución</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="39"/>
        <source>This item is on one return</source>
        <translation>Este artículo está en una devolución</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="40"/>
        <source>This item is on %1 returns</source>
        <translation>Este artículo está en %1 devoluciones</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="42"/>
        <source>%1 returns match this scan</source>
        <translation>%1 devoluciones coinciden con este escaneo</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="44"/>
        <source>“%1” is an item code, not a label. Pick the return this package belongs to (check the packing slip), or press Escape and scan the label.</source>
        <translation>“%1” es el código de un artículo, no una etiqueta. Elija la devolución a la que pertenece este paquete (revise la lista de empaque) o presione Escape y escanee la etiqueta.</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="47"/>
        <source>“%1” matches more than one return. Pick the one whose order and customer are on the package.</source>
        <translation>“%1” coincide con más de una devolución. Elija la que tenga el pedido y el cliente que aparecen en el paquete.</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="51"/>
        <source>Only the first %1 are listed; scan the label to narrow it down.</source>
        <translation>Solo se muestran las primeras %1; escanee la etiqueta para acotar la búsqueda.</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="59"/>
        <location filename="../ui/ChooserDialog.cpp" line="60"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/ChooserDialog.cpp" line="65"/>
        <source>Not open in Loop: receiving it will flag it for a supervisor.</source>
        <translation>No está abierta en Loop: al recibirla se marcará para revisión del supervisor.</translation>
    </message>
</context>
<context>
    <name>Dockside::DemoEnvironment</name>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="65"/>
        <source>The Loop simulator did not get ready within %1 seconds. What it said: %2</source>
        <translation>El simulador de Loop no estuvo listo en %1 segundos. Lo que respondió: %2</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="73"/>
        <source>The Loop simulator %1 could not be started: %2</source>
        <translation>No se pudo iniciar el simulador de Loop %1: %2</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="78"/>
        <source>The Loop simulator stopped at once (exit code %1): %2</source>
        <translation>El simulador de Loop se detuvo de inmediato (código de salida %1): %2</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="159"/>
        <source>The demo could not create its temporary folder in %1: %2. Check that it is writable.</source>
        <translation>La demo no pudo crear su carpeta temporal en %1: %2. Verifique que se pueda escribir ahí.</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="171"/>
        <source>The demo needs the Loop simulator, loop-sim, and did not find it (looked at $DOCKSIDE_LOOP_SIM, %1 and %2). Build it with: cmake --build build/dev --target loop-sim (bash scripts/run.sh does), or set DOCKSIDE_LOOP_SIM to the program.</source>
        <translation>La demo necesita el simulador de Loop, loop-sim, y no lo encontró (buscó en $DOCKSIDE_LOOP_SIM, %1 y %2). Compílelo con: cmake --build build/dev --target loop-sim (bash scripts/run.sh lo hace), o ponga la ruta del programa en DOCKSIDE_LOOP_SIM.</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="189"/>
        <source>The demo database could not be created: %1</source>
        <translation>No se pudo crear la base de datos de la demo: %1</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="203"/>
        <location filename="../app/DemoEnvironment.cpp" line="286"/>
        <source>The demo merchant could not be stored: %1</source>
        <translation>No se pudo guardar el comercio de la demo: %1</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="228"/>
        <source>Demo dock</source>
        <translation>Muelle de demo</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="239"/>
        <source>Demo receiver</source>
        <translation>Receptor de demo</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="271"/>
        <source>The Loop simulator said something unexpected: %1</source>
        <translation>El simulador de Loop respondió algo inesperado: %1</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="278"/>
        <source>The demo merchant could not be read back.</source>
        <translation>No se pudo volver a leer el comercio de la demo.</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="304"/>
        <source>The Loop simulator holds no open return with a label to try; start the demo with more returns.</source>
        <translation>El simulador de Loop no tiene ninguna devolución abierta con etiqueta para probar; inicie la demo con más devoluciones.</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="350"/>
        <source>The Loop simulator holds no open return with a carrier label to try.</source>
        <translation>El simulador de Loop no tiene ninguna devolución abierta con etiqueta de paquetería para probar.</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="371"/>
        <source>%1 label of return %2 (items: %3)</source>
        <translation>Etiqueta %1 de la devolución %2 (artículos: %3)</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="372"/>
        <source> (try this one first)</source>
        <translation> (pruebe esta primero)</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="383"/>
        <source>order name of return %1 (%2)</source>
        <translation>número de pedido de la devolución %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="397"/>
        <source>item of return %1: %2</source>
        <translation>artículo de la devolución %1: %2</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="442"/>
        <source>The Loop simulator did not answer %1: %2</source>
        <translation>El simulador de Loop no respondió a %1: %2</translation>
    </message>
    <message>
        <location filename="../app/DemoEnvironment.cpp" line="448"/>
        <source>The Loop simulator answered %1 with something that is not JSON.</source>
        <translation>El simulador de Loop respondió a %1 con algo que no es JSON.</translation>
    </message>
</context>
<context>
    <name>Dockside::ExpectedItemsModel</name>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="199"/>
        <source>To scan</source>
        <translation>Por escanear</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="201"/>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="203"/>
        <source>Missing</source>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="205"/>
        <source>Extra unit</source>
        <translation>Unidad de más</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="207"/>
        <source>Not on return</source>
        <translation>No está en la devolución</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="222"/>
        <source>Line item %1</source>
        <translation>Línea %1</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="238"/>
        <source>%1/%2</source>
        <comment>received/expected</comment>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="245"/>
        <source>%1 – “%2”</source>
        <translation>%1 – “%2”</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="254"/>
        <source>needs a grade</source>
        <translation>falta el grado</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="262"/>
        <source>1 photo</source>
        <translation>1 foto</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="263"/>
        <source>%1 photos</source>
        <translation>%1 fotos</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="281"/>
        <source>Scanned: %1</source>
        <translation>Escaneado: %1</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="283"/>
        <source>SKU: %1</source>
        <translation>SKU: %1</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="284"/>
        <source>Barcode: %1</source>
        <translation>Código de barras: %1</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="285"/>
        <source>Image: %1 (not loaded at the station)</source>
        <translation>Imagen: %1 (no se carga en la estación)</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="293"/>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="376"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="378"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="380"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="382"/>
        <source>Barcode</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="384"/>
        <source>Qty</source>
        <comment>quantity</comment>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="386"/>
        <source>Return reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="388"/>
        <source>Condition</source>
        <translation>Condición</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="390"/>
        <source>Disposition</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/ExpectedItemsModel.cpp" line="392"/>
        <source>Notes and photos</source>
        <translation>Notas y fotos</translation>
    </message>
</context>
<context>
    <name>Dockside::FlaggedReceiptsModel</name>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="37"/>
        <source>Submitted</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="39"/>
        <source>Merchant</source>
        <translation>Comercio</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="41"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="43"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="45"/>
        <source>Why flagged</source>
        <translation>Motivo de revisión</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="47"/>
        <source>Received by</source>
        <translation>Recibida por</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="108"/>
        <source>%1 at %2</source>
        <comment>user at station</comment>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="115"/>
        <source>Loop return %1</source>
        <translation>Devolución de Loop %1</translation>
    </message>
    <message>
        <location filename="../ui/FlaggedReceiptsModel.cpp" line="119"/>
        <source>Return is %1 in Loop</source>
        <translation>La devolución está %1 en Loop</translation>
    </message>
</context>
<context>
    <name>Dockside::GuiStation</name>
    <message>
        <location filename="../app/GuiStation.cpp" line="147"/>
        <source>The merchants could not be read, so nothing syncs: %1</source>
        <translation>No se pudieron leer los comercios, así que no se sincroniza nada: %1</translation>
    </message>
    <message>
        <location filename="../app/GuiStation.cpp" line="251"/>
        <source>The webhook receiver could not start on port %1 (%2). Choose another port in Settings, or stop the program that uses it; returns still arrive with the regular sync.</source>
        <translation>El receptor de webhooks no pudo iniciar en el puerto %1 (%2). Elija otro puerto en Configuración o cierre el programa que lo usa; las devoluciones siguen llegando con la sincronización normal.</translation>
    </message>
    <message>
        <location filename="../app/GuiStation.cpp" line="274"/>
        <source>Receiving Loop&apos;s webhooks on port %1.</source>
        <translation>Recibiendo los webhooks de Loop en el puerto %1.</translation>
    </message>
    <message>
        <location filename="../app/GuiStation.cpp" line="313"/>
        <source>The webhook receiver is off.</source>
        <translation>El receptor de webhooks está apagado.</translation>
    </message>
</context>
<context>
    <name>Dockside::LanguageSwitcher</name>
    <message>
        <location filename="../ui/LanguageSwitcher.cpp" line="83"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
</context>
<context>
    <name>Dockside::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="270"/>
        <source>Sync: not started</source>
        <translation>Sincronización: sin iniciar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="131"/>
        <source>%1 waiting, %2 need a supervisor</source>
        <translation>%1 en espera, %2 requieren un supervisor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="145"/>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="156"/>
        <location filename="../ui/MainWindow.cpp" line="274"/>
        <source>Database unavailable</source>
        <translation>Base de datos no disponible</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="164"/>
        <source>Add a merchant in Settings (Ctrl+,) to pull its returns from Loop.</source>
        <translation>Agregue un comercio en Configuración (Ctrl+,) para traer sus devoluciones de Loop.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="170"/>
        <source>Sync: waiting for the sync lease</source>
        <translation>Sincronización: esperando el turno de sincronización</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="171"/>
        <source>Sync: done by %1</source>
        <translation>Sincronización: la realiza %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="176"/>
        <source>%1: syncing %2%</source>
        <translation>%1: sincronizando %2%</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="178"/>
        <source>%1: sync failed</source>
        <translation>%1: falló la sincronización</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="180"/>
        <source>%1: synced %2</source>
        <translation>%1: sincronizado %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="183"/>
        <source>%1: not synced yet</source>
        <translation>%1: aún sin sincronizar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="163"/>
        <source>Sync: no merchants</source>
        <translation>Sincronización: sin comercios</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="136"/>
        <source>%1: %2 waiting, %3 need a supervisor</source>
        <translation>%1: %2 en espera, %3 requieren un supervisor</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="198"/>
        <source>Pushes: %n need a supervisor</source>
        <translation>
            <numerusform>Envíos: %n requiere un supervisor</numerusform>
            <numerusform>Envíos: %n requieren un supervisor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="200"/>
        <source>Pushes: %n waiting</source>
        <translation>
            <numerusform>Envíos: %n en espera</numerusform>
            <numerusform>Envíos: %n en espera</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="202"/>
        <source>Pushes: all sent</source>
        <translation>Envíos: todo enviado</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="204"/>
        <source>sent by %1</source>
        <translation>los envía %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="206"/>
        <source>%n merchant(s) paused</source>
        <translation>
            <numerusform>%n comercio en pausa</numerusform>
            <numerusform>%n comercios en pausa</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="213"/>
        <source>%1 waiting, %2 being sent, %3 need a supervisor, %4 sent</source>
        <translation>%1 en espera, %2 enviándose, %3 requieren un supervisor, %4 enviados</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="222"/>
        <source>Last error: %1</source>
        <translation>Último error: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="281"/>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="282"/>
        <source>%1 · not signed in</source>
        <translation>%1 · sin sesión iniciada</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="285"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="285"/>
        <source>receiver</source>
        <translation>receptor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="286"/>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="293"/>
        <source>This list</source>
        <translation>Esta lista</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="294"/>
        <source>Receive screen</source>
        <translation>Pantalla de recepción</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="295"/>
        <source>Supervisor screen</source>
        <translation>Pantalla de supervisor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="296"/>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="297"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="298"/>
        <source>Sign in as someone else</source>
        <translation>Iniciar sesión como otra persona</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="299"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="300"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="303"/>
        <source>Process anyway, keep flagged</source>
        <translation>Procesar igual, dejar en revisión</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="304"/>
        <source>Close, cancel the return</source>
        <translation>Cerrar, cancelar la devolución</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="305"/>
        <source>Re-link an unknown package</source>
        <translation>Vincular un paquete desconocido</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="306"/>
        <source>Retry, dismiss a refused push</source>
        <translation>Reintentar, descartar un envío rechazado</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="307"/>
        <source>Switch queue</source>
        <translation>Cambiar de cola</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="317"/>
        <source>Everywhere</source>
        <translation>En todas las pantallas</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="318"/>
        <source>Receive screen (F2)</source>
        <translation>Pantalla de recepción (F2)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="319"/>
        <source>Supervisor screen (F3), signed in as a supervisor</source>
        <translation>Pantalla de supervisor (F3), con sesión de supervisor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="320"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="321"/>
        <source>&lt;p&gt;A barcode scanner works anywhere in the window: a scan is taken as a scan even when another field has the focus.&lt;/p&gt;</source>
        <translation>&lt;p&gt;El lector de códigos funciona en cualquier parte de la ventana: un escaneo cuenta como escaneo aunque otro campo tenga el foco.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="332"/>
        <source>About Dockside</source>
        <translation>Acerca de Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="333"/>
        <source>&lt;h3&gt;Dockside %1&lt;/h3&gt;&lt;p&gt;Receiving station for warehouses that handle Loop Returns.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dockside %1&lt;/h3&gt;&lt;p&gt;Estación de recepción para almacenes que gestionan devoluciones de Loop Returns.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Dockside::MerchantTableModel</name>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="38"/>
        <source>not set</source>
        <translation>sin configurar</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="40"/>
        <source>OS keychain</source>
        <translation>llavero del sistema</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="42"/>
        <source>protected file</source>
        <translation>archivo protegido</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="43"/>
        <source>unknown store</source>
        <translation>almacén desconocido</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="75"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="75"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="87"/>
        <source>Merchant</source>
        <translation>Comercio</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="89"/>
        <source>Loop API</source>
        <translation>API de Loop</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="91"/>
        <source>API key kept in</source>
        <translation>Clave de API en</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="93"/>
        <source>Webhook secret</source>
        <translation>Secreto de webhook</translation>
    </message>
    <message>
        <location filename="../ui/MerchantTableModel.cpp" line="95"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
</context>
<context>
    <name>Dockside::OverrideNoteDialog</name>
    <message>
        <location filename="../ui/OverrideNoteDialog.cpp" line="43"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
</context>
<context>
    <name>Dockside::ParkedPushesModel</name>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="39"/>
        <source>Parked</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="41"/>
        <source>Merchant</source>
        <translation>Comercio</translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="43"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="45"/>
        <source>Call</source>
        <comment>a call to Loop&apos;s API</comment>
        <translation>Llamada</translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="47"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="49"/>
        <source>What Loop said</source>
        <translation>Respuesta de Loop</translation>
    </message>
    <message>
        <location filename="../ui/ParkedPushesModel.cpp" line="120"/>
        <source>Loop return %1</source>
        <translation>Devolución de Loop %1</translation>
    </message>
</context>
<context>
    <name>Dockside::PhotoImporter</name>
    <message>
        <location filename="../ui/PhotoImporter.cpp" line="47"/>
        <source>%1 could not be read (%2). Check that the file is still there, then add it again.</source>
        <translation>No se pudo leer %1 (%2). Verifique que el archivo todavía exista y vuelva a agregarlo.</translation>
    </message>
    <message>
        <location filename="../ui/PhotoImporter.cpp" line="52"/>
        <source>%1 is too large to be a photo (%2 MB). Choose a photo file, or shrink this one and add it again.</source>
        <translation>%1 es demasiado grande para ser una foto (%2 MB). Elija un archivo de foto, o reduzca este y vuelva a agregarlo.</translation>
    </message>
    <message>
        <location filename="../ui/PhotoImporter.cpp" line="66"/>
        <source>%1 is not a picture this station can read (JPEG, PNG, BMP, GIF). Choose a photo file.</source>
        <translation>%1 no es una imagen que esta estación pueda leer (JPEG, PNG, BMP, GIF). Elija un archivo de foto.</translation>
    </message>
    <message>
        <location filename="../ui/PhotoImporter.cpp" line="79"/>
        <source>%1 is not a picture this station can read (%2). Choose a photo file.</source>
        <translation>%1 no es una imagen que esta estación pueda leer (%2). Elija un archivo de foto.</translation>
    </message>
    <message>
        <location filename="../ui/PhotoImporter.cpp" line="98"/>
        <source>%1 could not be turned into a JPEG picture (%2). Choose another photo file.</source>
        <translation>No se pudo convertir %1 en una imagen JPEG (%2). Elija otro archivo de foto.</translation>
    </message>
    <message>
        <location filename="../ui/PhotoImporter.cpp" line="101"/>
        <source>%1 is too large even at %2 pixels. Shrink the file and add it again.</source>
        <translation>%1 sigue siendo demasiado grande incluso a %2 píxeles. Reduzca el archivo y vuelva a agregarlo.</translation>
    </message>
    <message>
        <location filename="../ui/PhotoImporter.cpp" line="128"/>
        <source>%1 is kept on this station only, other desks will not see it: %2</source>
        <translation>%1 se guarda solo en esta estación; las demás estaciones no la verán: %2</translation>
    </message>
</context>
<context>
    <name>Dockside::PhotoViewerDialog</name>
    <message>
        <location filename="../ui/PhotoViewerDialog.cpp" line="28"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../ui/PhotoViewerDialog.cpp" line="56"/>
        <source>Photo %1 is in the database but cannot be shown (%2).</source>
        <translation>La foto %1 está en la base de datos, pero no se puede mostrar (%2).</translation>
    </message>
    <message>
        <location filename="../ui/PhotoViewerDialog.cpp" line="59"/>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
    </message>
    <message>
        <location filename="../ui/PhotoViewerDialog.cpp" line="68"/>
        <source>Taken %1 by %2 at %3 · %4 × %5 pixels</source>
        <translation>Tomada el %1 por %2 en %3 · %4 × %5 píxeles</translation>
    </message>
</context>
<context>
    <name>Dockside::ReceivePage</name>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="52"/>
        <source>tracking number</source>
        <translation>número de rastreo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="54"/>
        <source>return number</source>
        <translation>número de devolución</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="56"/>
        <source>order number</source>
        <translation>número de pedido</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="58"/>
        <source>customer e-mail</source>
        <translation>correo del cliente</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="60"/>
        <source>item barcode</source>
        <translation>código de barras del artículo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="62"/>
        <source>item SKU</source>
        <translation>SKU del artículo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="71"/>
        <source>process</source>
        <comment>Loop call</comment>
        <translation>procesar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="73"/>
        <source>flag</source>
        <comment>Loop call</comment>
        <translation>marcar para revisión</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="75"/>
        <source>note</source>
        <comment>Loop call</comment>
        <translation>nota</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="77"/>
        <source>grades</source>
        <comment>Loop call</comment>
        <translation>grados</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="79"/>
        <source>dispositions</source>
        <comment>Loop call</comment>
        <translation>destinos</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="81"/>
        <source>close</source>
        <comment>Loop call</comment>
        <translation>cerrar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="83"/>
        <source>cancel</source>
        <comment>Loop call</comment>
        <translation>cancelar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="250"/>
        <source>%1   %2</source>
        <translation>%1   %2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="252"/>
        <source>%1 (key %2, or Ctrl+%2)</source>
        <translation>%1 (tecla %2, o Ctrl+%2)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="255"/>
        <source>Not set</source>
        <translation>Sin definir</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="259"/>
        <source>%1   Alt+%2</source>
        <translation>%1   Alt+%2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="263"/>
        <source>Scan the label on the parcel. An order number (#1042), a return number, the customer&apos;s e-mail or an item barcode work too; type one and press Enter if the label is unreadable.

Then scan each item and press its condition key (1 Grade A … 6 Junk). Ctrl+Enter shows the decision, Ctrl+Enter again sends it. Ctrl+Z undoes the last scan, Esc gives the return back.</source>
        <translation>Escanee la etiqueta del paquete. También sirven un número de pedido (#1042), un número de devolución, el correo del cliente o el código de barras de un artículo; si la etiqueta no se puede leer, escriba uno y presione Enter.

Luego escanee cada artículo y presione la tecla de su condición (1 Grado A … 6 Desecho). Ctrl+Enter muestra la decisión y otro Ctrl+Enter la envía. Ctrl+Z deshace el último escaneo, Esc libera la devolución.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="273"/>
        <location filename="../ui/ReceivePage.cpp" line="333"/>
        <source>Ready for the next package</source>
        <translation>Listo para el siguiente paquete</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="280"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="280"/>
        <source>Look up what was typed in the scan field</source>
        <translation>Buscar lo que se escribió en el campo de escaneo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="281"/>
        <source>1 … 6</source>
        <translation>1 … 6</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="281"/>
        <source>Condition of the scanned item (in the empty scan field)</source>
        <translation>Condición del artículo escaneado (con el campo de escaneo vacío)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="282"/>
        <source>Ctrl+1 … Ctrl+6</source>
        <translation>Ctrl+1 … Ctrl+6</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="282"/>
        <source>Condition of the selected item</source>
        <translation>Condición del artículo seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="283"/>
        <source>Alt+1 … Alt+4</source>
        <translation>Alt+1 … Alt+4</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="283"/>
        <source>Disposition of the selected item</source>
        <translation>Destino del artículo seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="284"/>
        <source>Up, Down</source>
        <translation>↑, ↓</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="284"/>
        <source>Select another item</source>
        <translation>Seleccionar otro artículo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="285"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="285"/>
        <source>Note on the selected item (Enter saves)</source>
        <translation>Nota del artículo seleccionado (Enter la guarda)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="286"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="286"/>
        <source>Note on the whole package, e.g. a crushed box (Enter saves)</source>
        <translation>Nota sobre todo el paquete, p. ej. una caja aplastada (Enter la guarda)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="287"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="287"/>
        <source>Add a photo file to the selected item</source>
        <translation>Agregar un archivo de foto al artículo seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="288"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="288"/>
        <source>Take photos of the selected item with the camera</source>
        <translation>Tomar fotos del artículo seleccionado con la cámara</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="289"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="289"/>
        <source>Mark the selected item missing, or not missing</source>
        <translation>Marcar el artículo seleccionado como faltante, o quitar la marca</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="290"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="290"/>
        <source>Receive the selected item without scanning it</source>
        <translation>Recibir el artículo seleccionado sin escanearlo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="291"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="291"/>
        <source>Undo the last scan</source>
        <translation>Deshacer el último escaneo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="292"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="292"/>
        <source>Show the decision; again: send it to Loop</source>
        <translation>Mostrar la decisión; otra vez: enviarla a Loop</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="293"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="293"/>
        <source>Back from the decision; give the return back</source>
        <translation>Salir de la decisión; liberar la devolución</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="328"/>
        <source>Not connected to the database</source>
        <translation>Sin conexión a la base de datos</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="378"/>
        <source>Not connected to the database: the scan was not looked up.</source>
        <translation>Sin conexión a la base de datos: no se buscó el escaneo.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="382"/>
        <source>Finish the open window first, then scan again.</source>
        <translation>Primero termine con la ventana abierta y luego vuelva a escanear.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="469"/>
        <source>That is the label of return %1, which is open: scan its items.</source>
        <translation>Esa es la etiqueta de la devolución %1, que ya está abierta: escanee sus artículos.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="485"/>
        <source>That parcel label matches no return, so it was not added to return %1. Submit or give back this return, then scan the label again to record the package as unknown.</source>
        <translation>Esa etiqueta de paquete no coincide con ninguna devolución, así que no se agregó a la devolución %1. Envíe o libere esta devolución y luego vuelva a escanear la etiqueta para registrar el paquete como desconocido.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="518"/>
        <location filename="../ui/ReceivePage.cpp" line="1034"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="537"/>
        <source>An item code: pick the return it came with.</source>
        <translation>Es el código de un artículo: elija la devolución con la que llegó.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivePage.cpp" line="538"/>
        <source>%n returns match: pick one.</source>
        <translation>
            <numerusform>%n devolución coincide: elíjala.</numerusform>
            <numerusform>%n devoluciones coinciden: elija una.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="546"/>
        <source>Another package?</source>
        <translation>¿Otro paquete?</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="547"/>
        <source>This scan is the label of another return, not of return %1 that is open.</source>
        <translation>Este escaneo es la etiqueta de otra devolución, no de la devolución %1 que está abierta.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="551"/>
        <source>Give return %1 back and open the scanned one?</source>
        <translation>¿Liberar la devolución %1 y abrir la escaneada?</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="553"/>
        <source>Give return %1 back and open the scanned one? The item recorded on it is discarded.</source>
        <translation>¿Liberar la devolución %1 y abrir la escaneada? Se descarta el artículo registrado en ella.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="554"/>
        <source>Give return %1 back and open the scanned one? The %2 items recorded on it are discarded.</source>
        <translation>¿Liberar la devolución %1 y abrir la escaneada? Se descartan los %2 artículos registrados en ella.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="557"/>
        <source>Switch</source>
        <translation>Cambiar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="559"/>
        <source>Stay on return %1</source>
        <translation>Seguir con la devolución %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="581"/>
        <source>That label belongs to another return.</source>
        <translation>Esa etiqueta es de otra devolución.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="594"/>
        <source>No return matches this scan.</source>
        <translation>Ninguna devolución coincide con este escaneo.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="608"/>
        <location filename="../ui/ReceivePage.cpp" line="615"/>
        <source>The package was not recorded: %1</source>
        <translation>El paquete no se registró: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="621"/>
        <source>Unknown package %1 recorded: put it on the exception shelf. %2</source>
        <translation>Paquete desconocido %1 registrado: póngalo en el estante de excepciones. %2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="623"/>
        <source>Unknown package %1 recorded: put it on the exception shelf.</source>
        <translation>Paquete desconocido %1 registrado: póngalo en el estante de excepciones.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="654"/>
        <source>Return %1: 1 item to check</source>
        <translation>Devolución %1: 1 artículo por revisar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="655"/>
        <source>Return %1: %2 items to check</source>
        <translation>Devolución %1: %2 artículos por revisar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="659"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="659"/>
        <source>. </source>
        <translation>. </translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="678"/>
        <source>%1: received. Its condition?</source>
        <translation>%1: se recibió. ¿Qué condición tiene?</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="681"/>
        <source>One more %1 than expected</source>
        <translation>%1: una unidad más de lo esperado</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="684"/>
        <source>%1 is not on this return</source>
        <translation>%1 no está en esta devolución</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="699"/>
        <location filename="../ui/ReceivePage.cpp" line="728"/>
        <location filename="../ui/ReceivePage.cpp" line="785"/>
        <source>Scan the item first, or select a scanned one.</source>
        <translation>Primero escanee el artículo o seleccione uno ya escaneado.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="715"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="718"/>
        <source>%1: %2. The return will be flagged for a supervisor.</source>
        <translation>%1: %2. La devolución se marcará para revisión del supervisor.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="740"/>
        <source>Disposition: %1</source>
        <translation>Destino: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="741"/>
        <source>Disposition cleared</source>
        <translation>Destino borrado</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="755"/>
        <source>Note saved</source>
        <translation>Nota guardada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="775"/>
        <source>Package note removed</source>
        <translation>Nota del paquete borrada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="775"/>
        <source>Package note saved</source>
        <translation>Nota del paquete guardada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="797"/>
        <source>Photos of the item</source>
        <translation>Fotos del artículo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="799"/>
        <source>Images (*.jpg *.jpeg *.png *.heic *.webp);;All files (*)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png *.heic *.webp);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="831"/>
        <source>Take photos of the selected item with the camera (Ctrl+Shift+P)</source>
        <translation>Tomar fotos del artículo seleccionado con la cámara (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="832"/>
        <location filename="../ui/ReceivePage.cpp" line="842"/>
        <source>No camera was found. Connect one, or add a photo file instead (Ctrl+P).</source>
        <translation>No se encontró ninguna cámara. Conecte una o agregue un archivo de foto en su lugar (Ctrl+P).</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="852"/>
        <source>Photos: %1</source>
        <translation>Fotos: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="884"/>
        <source>Photo added</source>
        <translation>Foto agregada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="884"/>
        <source>%1 photos added</source>
        <translation>%1 fotos agregadas</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="887"/>
        <source>%1. %2</source>
        <comment>photos added. problems</comment>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="897"/>
        <source>Select the expected item that is missing first.</source>
        <translation>Primero seleccione el artículo esperado que falta.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="919"/>
        <source>%1 is no longer marked missing</source>
        <translation>%1: se quitó la marca de faltante</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="920"/>
        <source>%1 marked missing</source>
        <translation>%1: se marcó como faltante</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="930"/>
        <source>Select the expected item that is in the package first.</source>
        <translation>Primero seleccione el artículo esperado que está en el paquete.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="937"/>
        <source>This item has neither barcode nor SKU, so it can only be marked missing here; a supervisor can receive it.</source>
        <translation>Este artículo no tiene código de barras ni SKU, así que aquí solo se puede marcar como faltante; un supervisor puede recibirlo.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="961"/>
        <source>Undid the scan of %1</source>
        <translation>Se deshizo el escaneo de %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="961"/>
        <source>an item not on this return</source>
        <translation>un artículo que no está en esta devolución</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1014"/>
        <source>FLAG for a supervisor</source>
        <translation>MARCAR para revisión</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1014"/>
        <source>PROCESS</source>
        <translation>PROCESAR</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1022"/>
        <source>Everything expected arrived, in a condition the merchant accepts.</source>
        <translation>Llegó todo lo esperado, en una condición que el comercio acepta.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1025"/>
        <source>Note to Loop: %1</source>
        <translation>Nota para Loop: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1026"/>
        <source>Package note, kept with the receipt: %1</source>
        <translation>Nota del paquete, guardada con la recepción: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1034"/>
        <source>Ctrl+Enter sends to Loop, in this order: %1. Nothing is sent before that.</source>
        <translation>Ctrl+Enter envía a Loop, en este orden: %1. Antes de eso no se envía nada.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1038"/>
        <source>Return %1 will be flagged for a supervisor. Ctrl+Enter sends it.</source>
        <translation>La devolución %1 se marcará para revisión del supervisor. Ctrl+Enter la envía.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1042"/>
        <source>Return %1 will be processed. Ctrl+Enter sends it.</source>
        <translation>La devolución %1 se procesará. Ctrl+Enter la envía.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1061"/>
        <source>Return %1 submitted: flagged for a supervisor. Next package.</source>
        <translation>Devolución %1 enviada: marcada para revisión del supervisor. Siguiente paquete.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1063"/>
        <source>Return %1 submitted: process. Next package.</source>
        <translation>Devolución %1 enviada: procesar. Siguiente paquete.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1071"/>
        <source>Nothing sent. Go on with the items.</source>
        <translation>No se envió nada. Siga con los artículos.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1103"/>
        <source>Give the return back?</source>
        <translation>¿Liberar la devolución?</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1104"/>
        <source>Give return %1 back without submitting?</source>
        <translation>¿Liberar la devolución %1 sin enviarla?</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1109"/>
        <source>The item recorded here is kept as an abandoned receipt, nothing goes to Loop, and any station can then receive the return.</source>
        <translation>El artículo registrado aquí se guarda como una recepción abandonada, no se envía nada a Loop y cualquier estación puede recibir la devolución después.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1111"/>
        <source>The %1 items recorded here are kept as an abandoned receipt, nothing goes to Loop, and any station can then receive the return.</source>
        <translation>Los %1 artículos registrados aquí se guardan como una recepción abandonada, no se envía nada a Loop y cualquier estación puede recibir la devolución después.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1114"/>
        <source>Give back</source>
        <translation>Liberar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1116"/>
        <source>Keep receiving</source>
        <translation>Seguir recibiendo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1141"/>
        <source>Return %1 was closed here, but the station could not say so: %2 Its claim lapses on its own within 15 minutes.</source>
        <translation>La devolución %1 se cerró aquí, pero la estación no pudo avisarlo: %2 Su reserva vence sola en 15 minutos.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1147"/>
        <source>Return %1 given back, nothing submitted.</source>
        <translation>Devolución %1 liberada, no se envió nada.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1306"/>
        <source>Unknown merchant</source>
        <translation>Comercio desconocido</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1307"/>
        <source>%1  ·  Return %2</source>
        <translation>%1  ·  Devolución %2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1310"/>
        <source>No order number</source>
        <translation>Sin número de pedido</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1310"/>
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1320"/>
        <source>Label: %1</source>
        <translation>Etiqueta: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1325"/>
        <source>Tracking %1</source>
        <translation>Rastreo %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1340"/>
        <source>%1 of %2 received</source>
        <translation>%1 de %2 recibidos</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivePage.cpp" line="1342"/>
        <source>%n missing</source>
        <translation>
            <numerusform>%n faltante</numerusform>
            <numerusform>%n faltantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivePage.cpp" line="1344"/>
        <source>%n extra</source>
        <translation>
            <numerusform>%n de más</numerusform>
            <numerusform>%n de más</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1358"/>
        <source>Scan an item, or pick one with the arrow keys.</source>
        <translation>Escanee un artículo o elija uno con las flechas.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1361"/>
        <source>Extra unit: %1</source>
        <translation>Unidad de más: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1364"/>
        <source>Not on this return: %1</source>
        <translation>No está en esta devolución: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1382"/>
        <source>1 photo</source>
        <translation>1 foto</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1382"/>
        <source>%1 photos</source>
        <translation>%1 fotos</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1389"/>
        <source>Not missing after all  Ctrl+M</source>
        <translation>Ya no falta  Ctrl+M</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.cpp" line="1390"/>
        <source>Mark missing  Ctrl+M</source>
        <translation>Marcar faltante  Ctrl+M</translation>
    </message>
</context>
<context>
    <name>Dockside::RelinkDialog</name>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="30"/>
        <source>Package scanned as &lt;b&gt;%1&lt;/b&gt; by %2 at %3, %4.</source>
        <translation>Paquete escaneado como &lt;b&gt;%1&lt;/b&gt; por %2 en %3, %4.</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="51"/>
        <source>Re-link</source>
        <translation>Vincular</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="53"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="85"/>
        <source>Dockside cannot read that as a code. Scan the return&apos;s label again, or type its order name or Loop return number.</source>
        <translation>Dockside no puede leer eso como un código. Vuelva a escanear la etiqueta de la devolución o escriba su número de pedido o su número de devolución de Loop.</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="87"/>
        <source>Could not look the code up: %1</source>
        <translation>No se pudo buscar el código: %1</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="91"/>
        <source>No return matches &quot;%1&quot;. Check the code, or wait for the next sync if the return is new in Loop.</source>
        <translation>Ninguna devolución coincide con &quot;%1&quot;. Revise el código o, si la devolución es nueva en Loop, espere a la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="109"/>
        <source>%1 · %2 · Loop return %3 · %4 · %5</source>
        <comment>order, merchant, return number, email, state</comment>
        <translation>%1 · %2 · Devolución de Loop %3 · %4 · %5</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="120"/>
        <source>One return has an item with this code. Check it is the right one.</source>
        <translation>Una devolución tiene un artículo con este código. Verifique que sea la correcta.</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.cpp" line="121"/>
        <source>This code names one return.</source>
        <translation>Este código corresponde a una devolución.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/RelinkDialog.cpp" line="124"/>
        <source>More than %n returns match: showing the first ones. A more precise code narrows it down.</source>
        <translation>
            <numerusform>Coincide más de %n devolución: se muestran las primeras. Un código más preciso acota la búsqueda.</numerusform>
            <numerusform>Coinciden más de %n devoluciones: se muestran las primeras. Un código más preciso acota la búsqueda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/RelinkDialog.cpp" line="126"/>
        <source>%n returns match: pick the right one.</source>
        <translation>
            <numerusform>%n devolución coincide: verifique que sea la correcta.</numerusform>
            <numerusform>%n devoluciones coinciden: elija la correcta.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockside::SerialScanner</name>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="24"/>
        <source>No scanner port is set. Enter the port the scanner is on (for example ttyUSB0 or COM3) in Settings.</source>
        <translation>No hay un puerto de escáner configurado. Indique en Configuración el puerto del escáner (por ejemplo ttyUSB0 o COM3).</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="29"/>
        <source>The scanner speed %1 is not a baud rate. Use the one in the scanner&apos;s manual, usually 9600.</source>
        <translation>La velocidad del escáner %1 no es una velocidad en baudios. Use la del manual del escáner, normalmente 9600.</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="38"/>
        <source>There is no serial port %1. Check that the scanner is plugged in and that the port name in Settings is right.</source>
        <translation>No existe el puerto serie %1. Verifique que el escáner esté conectado y que el nombre del puerto en Configuración sea correcto.</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="43"/>
        <source>The scanner port %1 is in use by another program, or this user may not open it. Close the other program; on Linux, add the user to the &quot;dialout&quot; group and sign in again.</source>
        <translation>El puerto del escáner %1 lo está usando otro programa, o este usuario no tiene permiso para abrirlo. Cierre el otro programa; en Linux, agregue el usuario al grupo &quot;dialout&quot; y vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="48"/>
        <source>The scanner port %1 cannot be opened (%2). Check the cable and the port name in Settings.</source>
        <translation>No se puede abrir el puerto del escáner %1 (%2). Revise el cable y el nombre del puerto en Configuración.</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="60"/>
        <source>The scanner port %1 does not take %2 baud, 8 data bits, no parity (%3). Set the speed from the scanner&apos;s manual in Settings.</source>
        <translation>El puerto del escáner %1 no acepta %2 baudios, 8 bits de datos, sin paridad (%3). Ponga en Configuración la velocidad del manual del escáner.</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="114"/>
        <source>The scanner on %1 sent more than %2 bytes without ending a line. Check its speed (baud rate) and that it ends each code with Enter (CR or LF).</source>
        <translation>El escáner en %1 envió más de %2 bytes sin terminar la línea. Revise su velocidad (baudios) y que termine cada código con Enter (CR o LF).</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="129"/>
        <source>The scanner on %1 was disconnected. Plug it in again and reopen the port in Settings.</source>
        <translation>El escáner en %1 se desconectó. Vuelva a conectarlo y abra de nuevo el puerto en Configuración.</translation>
    </message>
    <message>
        <location filename="../ui/SerialScanner.cpp" line="134"/>
        <source>The scanner on %1 reported an error: %2</source>
        <translation>El escáner en %1 informó un error: %2</translation>
    </message>
</context>
<context>
    <name>Dockside::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="134"/>
        <source>The station needs a name, e.g. &quot;Dock 3&quot;.</source>
        <translation>La estación necesita un nombre, p. ej. &quot;Muelle 3&quot;.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="136"/>
        <source>The station name may have at most %1 characters.</source>
        <translation>El nombre de la estación puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="138"/>
        <source>The database URL is not valid: %1</source>
        <translation>La URL de la base de datos no es válida: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="140"/>
        <source>The sync interval must be from %1 to %2 minutes.</source>
        <translation>El intervalo de sincronización debe ser de %1 a %2 minutos.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="145"/>
        <source>The daily sweep must cover from %1 to %2 days.</source>
        <translation>El barrido diario debe abarcar de %1 a %2 días.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="150"/>
        <source>The webhook port must be a number from %1 to %2, e.g. 8787.</source>
        <translation>El puerto de webhooks debe ser un número de %1 a %2, p. ej. 8787.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="155"/>
        <source>That language is not available: choose English, Español or the system language.</source>
        <translation>Ese idioma no está disponible: elija English, Español o el idioma del sistema.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="157"/>
        <source>The scanner port must be a device name such as /dev/ttyACM0 or COM3.</source>
        <translation>El puerto del escáner debe ser un nombre de dispositivo como /dev/ttyACM0 o COM3.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="159"/>
        <source>Choose one of the listed scanner speeds (most scanners use 9600 baud).</source>
        <translation>Elija una de las velocidades de escáner de la lista (la mayoría de los escáneres usa 9600 baudios).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="161"/>
        <source>The supervisor PIN must be %1 to %2 digits.</source>
        <translation>El PIN de supervisor debe tener de %1 a %2 dígitos.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="166"/>
        <source>The settings could not be saved: %1</source>
        <translation>No se pudo guardar la configuración: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="173"/>
        <source>A merchant is being saved; wait a moment, then press OK again.</source>
        <translation>Se está guardando un comercio; espere un momento y vuelva a presionar Aceptar.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="178"/>
        <source>The merchant form has changes that are not saved: press &quot;Save merchant&quot;, or press Cancel to leave without saving.</source>
        <translation>El formulario del comercio tiene cambios sin guardar: presione &quot;Guardar comercio&quot;, o presione Cancelar para salir sin guardar.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="209"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="210"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="212"/>
        <location filename="../ui/SettingsDialog.cpp" line="268"/>
        <source>None (keyboard-wedge scanner)</source>
        <translation>Ninguno (escáner que escribe como teclado)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="214"/>
        <source>none: the database could not be opened</source>
        <translation>ninguna: no se pudo abrir la base de datos</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="216"/>
        <location filename="../ui/SettingsDialog.cpp" line="416"/>
        <source>Merchant: %1</source>
        <translation>Comercio: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="216"/>
        <location filename="../ui/SettingsDialog.cpp" line="416"/>
        <source>New merchant</source>
        <translation>Comercio nuevo</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="226"/>
        <source>Loop delivers to http://%1:%2/loop/webhooks/&lt;merchant id&gt; (the receiver listens on every network interface of this computer). Each merchant&apos;s webhook secret is set on the Merchants tab. The receiver starts or stops when you press OK.</source>
        <translation>Loop entrega en http://%1:%2/loop/webhooks/&lt;merchant id&gt; (el receptor escucha en todas las interfaces de red de esta computadora). El secreto de webhook de cada comercio se define en la pestaña Comercios. El receptor se inicia o se detiene al presionar Aceptar.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="359"/>
        <source>No database is open, so merchants cannot be changed now. Fix the database first (the main window says what is wrong).</source>
        <translation>No hay una base de datos abierta, así que ahora no se pueden cambiar los comercios. Primero corrija la base de datos (la ventana principal indica qué falla).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="367"/>
        <source>The merchants could not be read: %1</source>
        <translation>No se pudieron leer los comercios: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="412"/>
        <source>The stored rules could not be read (%1). The form shows the defaults; saving replaces the stored rules with them.</source>
        <translation>No se pudieron leer las reglas guardadas (%1). El formulario muestra los valores predeterminados; al guardar, reemplazan las reglas guardadas.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="458"/>
        <source>Finding out where this station keeps API keys… Merchants can be saved in a moment.</source>
        <translation>Averiguando dónde guarda esta estación las claves de API… En un momento se podrán guardar los comercios.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="462"/>
        <source>No OS keychain answers on this computer, so API keys and webhook secrets are kept in the protected file %1. Only this user can read it, but it is not encrypted.</source>
        <translation>Ningún llavero del sistema responde en esta computadora, así que las claves de API y los secretos de webhook se guardan en el archivo protegido %1. Solo este usuario puede leerlo, pero no está cifrado.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="467"/>
        <source>API keys and webhook secrets are kept in the OS keychain.</source>
        <translation>Las claves de API y los secretos de webhook se guardan en el llavero del sistema.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="475"/>
        <source>protected file</source>
        <translation>archivo protegido</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="475"/>
        <source>OS keychain</source>
        <translation>llavero del sistema</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="478"/>
        <source>Paste the API key from Loop (needed)</source>
        <translation>Pegue la clave de API de Loop (obligatoria)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="481"/>
        <source>Stored in the %1; type a new key only to replace it</source>
        <translation>Guardada en el %1; escriba otra solo para cambiarla</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="484"/>
        <source>Optional: only needed to receive webhooks</source>
        <translation>Opcional: solo se necesita para recibir webhooks</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="487"/>
        <source>Stored in the %1; type a new secret only to replace it</source>
        <translation>Guardado en el %1; escriba otro solo para cambiarlo</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="524"/>
        <source>The merchant needs a name, e.g. Acme Outdoor.</source>
        <translation>El comercio necesita un nombre, p. ej. Acme Outdoor.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="528"/>
        <source>The Loop API address must be an http:// or https:// address with a host, e.g. https://api.loopreturns.com/api</source>
        <translation>La dirección de la API de Loop debe ser una dirección http:// o https:// con un host, p. ej. https://api.loopreturns.com/api</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="533"/>
        <source>The Loop API address must be just the address, without a user name, password, query or fragment; the API key has its own field.</source>
        <translation>La dirección de la API de Loop debe ser solo la dirección, sin usuario, contraseña, consulta ni fragmento; la clave de API tiene su propio campo.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="542"/>
        <source>Paste the merchant&apos;s API key from Loop (Loop Admin → Developers → API keys).</source>
        <translation>Pegue la clave de API del comercio desde Loop (Loop Admin → Developers → API keys).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="547"/>
        <source>That is far too long for an API key or webhook secret: check what was pasted.</source>
        <translation>Es demasiado largo para una clave de API o un secreto de webhook: revise lo que pegó.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="554"/>
        <source>A merchant named &quot;%1&quot; already exists: choose another name, or select it in the list to edit it.</source>
        <translation>Ya existe un comercio llamado &quot;%1&quot;: elija otro nombre o selecciónelo en la lista para editarlo.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="566"/>
        <source>The station is still finding out where to keep API keys; try again in a moment.</source>
        <translation>La estación todavía está averiguando dónde guardar las claves de API; intente de nuevo en un momento.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="583"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="615"/>
        <source>The secret could not be stored: %1</source>
        <translation>No se pudo guardar el secreto: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="630"/>
        <location filename="../ui/SettingsDialog.cpp" line="635"/>
        <source>The merchant could not be saved: %1</source>
        <translation>No se pudo guardar el comercio: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="646"/>
        <source>%1 was saved, but its receiving rules were not: %2</source>
        <translation>%1 se guardó, pero sus reglas de recepción no: %2</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="650"/>
        <source>%1 is saved; its API key is kept in the %2.</source>
        <translation>%1 está guardado; su clave de API se guarda en el %2.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="683"/>
        <source>A supervisor PIN is set. To change it, enter the current PIN, then the new one twice.</source>
        <translation>Hay un PIN de supervisor definido. Para cambiarlo, escriba el PIN actual y luego el nuevo dos veces.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="684"/>
        <source>No supervisor PIN is set yet. Set one so that supervisors can sign in: %1 to %2 digits.</source>
        <translation>Todavía no hay PIN de supervisor. Defina uno para que los supervisores puedan iniciar sesión: de %1 a %2 dígitos.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="689"/>
        <source>Change &amp;PIN</source>
        <translation>Cambiar P&amp;IN</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="689"/>
        <source>Set &amp;PIN</source>
        <translation>Definir P&amp;IN</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="701"/>
        <source>The current PIN is not right; the PIN was not changed.</source>
        <translation>El PIN actual no es correcto; no se cambió el PIN.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="711"/>
        <source>The two new PINs differ: type the same PIN in both fields.</source>
        <translation>Los dos PIN nuevos no coinciden: escriba el mismo PIN en ambos campos.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="722"/>
        <source>The supervisor PIN is saved.</source>
        <translation>El PIN de supervisor quedó guardado.</translation>
    </message>
</context>
<context>
    <name>Dockside::SignInDialog</name>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="35"/>
        <source>You can try the PIN again.</source>
        <translation>Ya puede intentar el PIN de nuevo.</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="59"/>
        <source>Type your name: it is recorded with every receipt you submit.</source>
        <translation>Escriba su nombre: queda registrado en cada recepción que envíe.</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="68"/>
        <source>No supervisor PIN is set on this station yet. Sign in as a receiver, then set one in Settings (Ctrl+,) on the Supervisor PIN tab.</source>
        <translation>Esta estación todavía no tiene PIN de supervisor. Inicie sesión como receptor y luego defina uno en Configuración (Ctrl+,), en la pestaña PIN de supervisor.</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="75"/>
        <source>Type the supervisor PIN, or choose Receiver.</source>
        <translation>Escriba el PIN de supervisor o elija Receptor.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SignInDialog.cpp" line="85"/>
        <source>That PIN is not right, %n times in a row. Wait %1 seconds before trying again, or sign in as a receiver.</source>
        <translation>
            <numerusform>Ese PIN no es correcto, %n vez seguida. Espere %1 segundos antes de volver a intentarlo, o inicie sesión como receptor.</numerusform>
            <numerusform>Ese PIN no es correcto, %n veces seguidas. Espere %1 segundos antes de volver a intentarlo, o inicie sesión como receptor.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="91"/>
        <source>That PIN is not right. Try again, or sign in as a receiver.</source>
        <translation>Ese PIN no es correcto. Intente de nuevo o inicie sesión como receptor.</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="115"/>
        <source>Sign in at %1</source>
        <translation>Iniciar sesión en %1</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="116"/>
        <source>Sign &amp;in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="129"/>
        <source>%1 to %2 digits</source>
        <translation>De %1 a %2 dígitos</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.cpp" line="130"/>
        <source>No PIN is set yet (Settings → Supervisor PIN)</source>
        <translation>Sin PIN (Configuración → PIN de supervisor)</translation>
    </message>
</context>
<context>
    <name>Dockside::SupervisorDetailView</name>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="87"/>
        <source>Unknown package</source>
        <translation>Paquete desconocido</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="88"/>
        <source>Scanned as &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Escaneado como &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="90"/>
        <source>Received %1 by %2 at %3</source>
        <translation>Recibido el %1 por %2 en %3</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="92"/>
        <location filename="../ui/SupervisorDetailView.cpp" line="158"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="93"/>
        <source>No note.</source>
        <translation>Sin nota.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="95"/>
        <location filename="../ui/SupervisorDetailView.cpp" line="174"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="96"/>
        <source>No photos.</source>
        <translation>Sin fotos.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="99"/>
        <source>Re-link it to its return once you know which one it is: scan the return&apos;s label or type its order name.</source>
        <translation>Cuando sepa de qué devolución es, vincúlelo a ella: escanee la etiqueta de la devolución o escriba su número de pedido.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="113"/>
        <source>Order %1 — %2</source>
        <translation>Pedido %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="115"/>
        <source>Loop return %1</source>
        <translation>Devolución de Loop %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="115"/>
        <source>%1 in Loop</source>
        <translation>%1 en Loop</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="119"/>
        <source>label %1 %2 (%3)</source>
        <translation>etiqueta %1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="122"/>
        <source>Expected items</source>
        <translation>Artículos esperados</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="123"/>
        <location filename="../ui/SupervisorDetailView.cpp" line="158"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="123"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="123"/>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="123"/>
        <source>Customer&apos;s reason</source>
        <translation>Motivo del cliente</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="132"/>
        <source>Receipt %1</source>
        <translation>Recepción %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="140"/>
        <source>%1 %2 by %3 at %4</source>
        <translation>%1 el %2 por %3 en %4</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="145"/>
        <source>Package note: %1</source>
        <translation>Nota del paquete: %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="150"/>
        <source>%1 by %2, %3</source>
        <comment>resolution by supervisor, time</comment>
        <translation>%1 por %2, %3</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="155"/>
        <source>Supervisor&apos;s note: %1</source>
        <translation>Nota del supervisor: %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="158"/>
        <source>Scanned</source>
        <translation>Escaneado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="158"/>
        <source>Condition</source>
        <translation>Condición</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="158"/>
        <source>Disposition</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="163"/>
        <source>Line item %1</source>
        <translation>Línea %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="164"/>
        <source>Unexpected item</source>
        <translation>Artículo inesperado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="178"/>
        <source>Not received at any station yet.</source>
        <translation>Todavía no se recibió en ninguna estación.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="180"/>
        <source>Calls to Loop</source>
        <translation>Llamadas a Loop</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="182"/>
        <source>None.</source>
        <translation>Ninguna.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="185"/>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="185"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="185"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="185"/>
        <source>Last attempt</source>
        <translation>Último intento</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="185"/>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="198"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="199"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="199"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="199"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="199"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="202"/>
        <source>%1 at %2</source>
        <comment>user at station</comment>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="229"/>
        <source>%1 (not on this station)</source>
        <translation>%1 (no está en esta estación)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="248"/>
        <source>%1 (no database to read it from)</source>
        <translation>%1 (no hay base de datos de donde leerla)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="253"/>
        <source>%1 (could not be read: %2)</source>
        <translation>%1 (no se pudo leer: %2)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="256"/>
        <source>%1 (not in the database)</source>
        <translation>%1 (no está en la base de datos)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="268"/>
        <source>%1 (not a picture that can be shown)</source>
        <translation>%1 (no es una imagen que se pueda mostrar)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="279"/>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="287"/>
        <source>Photo %1 cannot be shown: this station is not connected to a database.</source>
        <translation>No se puede mostrar la foto %1: esta estación no está conectada a una base de datos.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="291"/>
        <source>Photo %1 could not be read: %2</source>
        <translation>No se pudo leer la foto %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorDetailView.cpp" line="293"/>
        <source>Photo %1 is not in the database.</source>
        <translation>La foto %1 no está en la base de datos.</translation>
    </message>
</context>
<context>
    <name>Dockside::SupervisorPage</name>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="122"/>
        <source>Any</source>
        <comment>date filter</comment>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="125"/>
        <location filename="../ui/SupervisorPage.cpp" line="310"/>
        <source>All merchants</source>
        <translation>Todos los comercios</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="126"/>
        <source>Any reason</source>
        <translation>Cualquier motivo</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="304"/>
        <source>Could not read the merchants: %1</source>
        <translation>No se pudieron leer los comercios: %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="361"/>
        <source>Unknown packages belong to no merchant yet</source>
        <translation>Los paquetes desconocidos aún no pertenecen a ningún comercio</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="363"/>
        <source>Search scanned codes and notes</source>
        <translation>Buscar en códigos escaneados y notas</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="363"/>
        <source>Search what Loop said</source>
        <translation>Buscar en las respuestas de Loop</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="369"/>
        <source>%1 (%2)</source>
        <comment>queue name (row count)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="371"/>
        <source>Flagged</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="372"/>
        <source>Unknown packages</source>
        <translation>Paquetes desconocidos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="373"/>
        <source>Parked pushes</source>
        <translation>Envíos retenidos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="380"/>
        <source>No database is open.</source>
        <translation>No hay una base de datos abierta.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="387"/>
        <source>Nothing waiting here.</source>
        <translation>Aquí no hay nada pendiente.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="387"/>
        <source>Select a row to see its details.</source>
        <translation>Seleccione una fila para ver sus detalles.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="397"/>
        <source>This row names no return held at this station.</source>
        <translation>Esta fila no corresponde a ninguna devolución guardada en esta estación.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="402"/>
        <source>Could not read the return: %1</source>
        <translation>No se pudo leer la devolución: %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="464"/>
        <source>Not done: %1</source>
        <translation>No se hizo: %1</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="481"/>
        <source>Process order %1 anyway?</source>
        <translation>¿Procesar el pedido %1 de todos modos?</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="482"/>
        <source>Loop gets your note, then Process: the customer&apos;s refund or exchange goes ahead. The receipt leaves the flagged queue.</source>
        <translation>Loop recibe su nota y luego la orden de procesar: el reembolso o el cambio del cliente sigue adelante. La recepción sale de la cola de revisión.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="484"/>
        <source>Process anyway</source>
        <translation>Procesar igual</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="486"/>
        <source>Order %1 will be processed in Loop.</source>
        <translation>El pedido %1 se procesará en Loop.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="497"/>
        <source>Keep order %1 flagged?</source>
        <translation>¿Dejar el pedido %1 en revisión?</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="498"/>
        <source>The return stays flagged in Loop for the merchant to decide. The receipt leaves this queue.</source>
        <translation>La devolución queda marcada para revisión en Loop y el comercio decide. La recepción sale de esta cola.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="499"/>
        <source>Keep flagged</source>
        <translation>Dejar en revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="501"/>
        <source>Order %1 stays flagged.</source>
        <translation>El pedido %1 queda en revisión.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="512"/>
        <source>Close the return of order %1?</source>
        <translation>¿Cerrar la devolución del pedido %1?</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="513"/>
        <source>Loop closes the return without refund or exchange. Use this when nothing will be given back.</source>
        <translation>Loop cierra la devolución sin reembolso ni cambio. Úselo cuando el cliente no va a recibir nada.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="514"/>
        <source>Close return</source>
        <translation>Cerrar devolución</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="516"/>
        <source>The return of order %1 will be closed in Loop.</source>
        <translation>La devolución del pedido %1 se cerrará en Loop.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="527"/>
        <source>Cancel the return of order %1?</source>
        <translation>¿Cancelar la devolución del pedido %1?</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="528"/>
        <source>Loop cancels the return: the customer can start a new return for the same items.</source>
        <translation>Loop cancela la devolución: el cliente puede iniciar una nueva devolución de los mismos artículos.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="528"/>
        <source>Cancel return</source>
        <translation>Cancelar devolución</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="530"/>
        <source>The return of order %1 will be cancelled in Loop.</source>
        <translation>La devolución del pedido %1 se cancelará en Loop.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="545"/>
        <source>The package is linked to its return and can be received.</source>
        <translation>El paquete quedó vinculado a su devolución y ya se puede recibir.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="559"/>
        <source>Send %1 for order %2 again?</source>
        <translation>¿Enviar de nuevo “%1” del pedido %2?</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="560"/>
        <source>The call goes back to the outbox and is sent to Loop again now. Fix what Loop complained about first.</source>
        <translation>La llamada vuelve a la bandeja de salida y se envía de nuevo a Loop ahora. Primero corrija lo que Loop reclamó.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="561"/>
        <source>Retry push</source>
        <translation>Reintentar envío</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="563"/>
        <source>%1 for order %2 will be sent again.</source>
        <translation>“%1” del pedido %2 se enviará de nuevo.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="575"/>
        <source>Dismiss %1 for order %2?</source>
        <translation>¿Descartar “%1” del pedido %2?</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="576"/>
        <source>The call is settled without being sent, e.g. because it was done in Loop&apos;s admin. Calls waiting behind it for the same return go ahead.</source>
        <translation>La llamada se da por resuelta sin enviarse, p. ej. porque ya se hizo en el panel de Loop. Las llamadas que esperan detrás de ella para la misma devolución siguen adelante.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="578"/>
        <source>Dismiss push</source>
        <translation>Descartar envío</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.cpp" line="580"/>
        <source>%1 for order %2 was dismissed.</source>
        <translation>Se descartó “%1” del pedido %2.</translation>
    </message>
</context>
<context>
    <name>Dockside::SupervisorQueueModel</name>
    <message>
        <location filename="../ui/SupervisorQueueModel.cpp" line="318"/>
        <source>Could not read this queue: %1</source>
        <translation>No se pudo leer esta cola: %1</translation>
    </message>
</context>
<context>
    <name>Dockside::UnknownPackageDialog</name>
    <message>
        <location filename="../ui/UnknownPackageDialog.cpp" line="113"/>
        <source>Take photos of the package with the camera (Ctrl+Shift+P)</source>
        <translation>Tomar fotos del paquete con la cámara (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.cpp" line="114"/>
        <location filename="../ui/UnknownPackageDialog.cpp" line="120"/>
        <source>No camera was found. Connect one, or add a photo file instead.</source>
        <translation>No se encontró ninguna cámara. Conecte una o agregue un archivo de foto en su lugar.</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.cpp" line="126"/>
        <source>Photos of the unknown package</source>
        <translation>Fotos del paquete desconocido</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.cpp" line="135"/>
        <source>Photos of the package</source>
        <translation>Fotos del paquete</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.cpp" line="137"/>
        <source>Images (*.jpg *.jpeg *.png *.heic *.webp);;All files (*)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png *.heic *.webp);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>Dockside::UnknownPackagesModel</name>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="39"/>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="41"/>
        <source>Scanned code</source>
        <translation>Código escaneado</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="43"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="45"/>
        <source>Received by</source>
        <translation>Recibido por</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="47"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackagesModel.cpp" line="97"/>
        <source>%1 at %2</source>
        <comment>user at station</comment>
        <translation>%1 en %2</translation>
    </message>
</context>
<context>
    <name>ErrorTexts</name>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="38"/>
        <source>Receiving needs a station name and a user name. Set both and try again.</source>
        <translation>Para recibir se necesitan un nombre de estación y un nombre de usuario. Defina ambos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="40"/>
        <source>A station name is needed to receive a return. Configure this station&apos;s name and try again.</source>
        <translation>Se necesita un nombre de estación para recibir una devolución. Configure el nombre de esta estación y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="42"/>
        <source>There is no return with row id %1 here. Scan the package again or sync first.</source>
        <translation>Aquí no hay ninguna devolución con el id de fila %1. Vuelva a escanear el paquete o sincronice primero.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="44"/>
        <source>Return %1 was already received at station %2 by %3 on %4. It cannot be received twice; ask a supervisor to override if the package must be received again.</source>
        <translation>La devolución %1 ya la recibió %3 en la estación %2 el %4. No se puede recibir dos veces; si el paquete se debe volver a recibir, pida a un supervisor que lo autorice.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="47"/>
        <source>Return %1 is being received at station %2 by %3 (claim expires %4). Finish or abandon it there, or wait until the claim expires.</source>
        <translation>%3 está recibiendo la devolución %1 en la estación %2 (la reserva vence: %4). Termínela o libérela allí, o espere a que venza la reserva.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="50"/>
        <source>Station %1 (%2) took over return %3 after this station&apos;s claim lapsed; nothing recorded here was submitted. Receive it there, or open it again here after %4.</source>
        <translation>La estación %1 (%2) tomó la devolución %3 después de que venció la reserva de esta estación; no se envió nada de lo registrado aquí. Recíbala allí, o vuelva a abrirla aquí después de %4.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="53"/>
        <source>Another station released return row %1 just now. Try again.</source>
        <translation>Otra estación acaba de liberar la fila de devolución %1. Vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="55"/>
        <source>Return %1 has been submitted; start a new session to change anything.</source>
        <translation>La devolución %1 ya se envió; para cambiar algo, empiece una nueva sesión de recepción.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="57"/>
        <source>Receiving of return %1 was abandoned; open it again to continue.</source>
        <translation>La recepción de la devolución %1 se abandonó; vuelva a abrirla para continuar.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="59"/>
        <source>Return %1 is no longer in the database; it cannot be received.</source>
        <translation>La devolución %1 ya no está en la base de datos; no se puede recibir.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="61"/>
        <source>The scan was empty. Scan the item again.</source>
        <translation>El escaneo llegó vacío. Vuelva a escanear el artículo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="63"/>
        <source>There is no scan to undo.</source>
        <translation>No hay ningún escaneo para deshacer.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="65"/>
        <source>Internal error: the last scan is no longer in the list; it cannot be undone.</source>
        <translation>Error interno: el último escaneo ya no está en la lista; no se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="67"/>
        <source>Return %1 has no line item %2.</source>
        <translation>La devolución %1 no tiene la línea %2.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="69"/>
        <source>%1 was scanned, so it is not missing. Undo that scan first if it was a mistake.</source>
        <translation>%1 se escaneó, así que no falta. Si fue un error, primero deshaga ese escaneo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="71"/>
        <source>There is no item %1 on this receipt.</source>
        <translation>No hay ningún artículo %1 en esta recepción.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="73"/>
        <source>A missing item has no condition, and a scanned item is not missing: mark the line missing, or undo the scan.</source>
        <translation>Un artículo faltante no tiene condición, y un artículo escaneado no es faltante: marque la línea como faltante o deshaga el escaneo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="76"/>
        <source>A missing item&apos;s disposition is always &quot;missing&quot;, and a scanned item&apos;s never is.</source>
        <translation>El destino de un artículo faltante siempre es &quot;Faltante&quot;, y el de un artículo escaneado nunca lo es.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="78"/>
        <source>The photo has no file name or URL.</source>
        <translation>La foto no tiene nombre de archivo ni URL.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="80"/>
        <source>Give every scanned item a condition before submitting; still without one: %1.</source>
        <translation>Asigne una condición a cada artículo escaneado antes de enviar; todavía sin condición: %1.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="84"/>
        <source>Nothing was scanned. Scan the label again, or type the tracking number, order name or return number.</source>
        <translation>No se escaneó nada. Vuelva a escanear la etiqueta o escriba el número de rastreo, el número de pedido o el número de devolución.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="86"/>
        <source>The scan is %1 characters long, more than any label holds (%2). Scan the label again; if this repeats, check the scanner&apos;s prefix and suffix settings.</source>
        <translation>El escaneo tiene %1 caracteres, más de los que tiene cualquier etiqueta (%2). Vuelva a escanear la etiqueta; si se repite, revise la configuración de prefijo y sufijo del escáner.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="89"/>
        <source>The scan holds characters no label has (U+%1). Scan the label again; if this repeats, check the scanner&apos;s keyboard and code page settings.</source>
        <translation>El escaneo contiene caracteres que ninguna etiqueta tiene (U+%1). Vuelva a escanear la etiqueta; si se repite, revise la configuración de teclado y de página de códigos del escáner.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="92"/>
        <source>The scan holds no letters or digits. Scan the label again; if this repeats, check the scanner&apos;s keyboard settings.</source>
        <translation>El escaneo no contiene letras ni dígitos. Vuelva a escanear la etiqueta; si se repite, revise la configuración de teclado del escáner.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="95"/>
        <source>An unknown package needs the scan of its label; scan it again.</source>
        <translation>Un paquete desconocido necesita el escaneo de su etiqueta; vuelva a escanearla.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="99"/>
        <source>Say who decides: a supervisor action is kept under the supervisor&apos;s name. Sign in as a supervisor.</source>
        <translation>Indique quién decide: cada acción de supervisor se registra con el nombre del supervisor. Inicie sesión como supervisor.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="101"/>
        <source>Write a note saying why: every supervisor decision is kept with its reason.</source>
        <translation>Escriba una nota que explique por qué: cada decisión del supervisor se guarda con su motivo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="103"/>
        <source>There is no return %1 on this station. Check the number, or sync first.</source>
        <translation>No hay ninguna devolución %1 en esta estación. Revise el número o sincronice primero.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="105"/>
        <source>There is no return %1 on this station. Pick it again from the queue; it may have been removed.</source>
        <translation>No hay ninguna devolución %1 en esta estación. Vuelva a elegirla en la cola; es posible que se haya eliminado.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="107"/>
        <source>Return %1 already has a %2 call for Loop that is parked (outbox entry %3). Retry or dismiss that one first.</source>
        <translation>La devolución %1 ya tiene una llamada “%2” para Loop que está retenida (entrada %3 de la bandeja de salida). Primero reintente o descarte esa llamada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="110"/>
        <source>Return %1 already has a %2 call for Loop waiting to be sent (outbox entry %3). Wait until it has gone, then decide again.</source>
        <translation>La devolución %1 ya tiene una llamada “%2” para Loop en espera de envío (entrada %3 de la bandeja de salida). Espere a que se envíe y luego vuelva a decidir.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="113"/>
        <source>There is no receipt %1. Pick it again from the flagged queue.</source>
        <translation>No existe la recepción %1. Vuelva a elegirla en la cola de revisión.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="115"/>
        <source>Receipt %1 was already resolved by %2 on %3 (%4); nothing was changed.</source>
        <translation>%2 ya resolvió la recepción %1 el %3 (%4); no se cambió nada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="118"/>
        <source>Receipt %1 was resolved by somebody else a moment ago; nothing was changed. Reload the queue.</source>
        <translation>Otra persona acaba de resolver la recepción %1; no se cambió nada. Vuelva a cargar la cola.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="120"/>
        <source>Receipt %1 is not flagged (it is %2); only a flagged receipt can be processed anyway or kept flagged.</source>
        <translation>La recepción %1 no está en revisión (su estado es “%2”); solo una recepción en revisión se puede procesar de todos modos o dejar en revisión.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="123"/>
        <source>Receipt %1 is not flagged (it is %2, decision %3); only a flagged receipt can be processed anyway or kept flagged.</source>
        <translation>La recepción %1 no está en revisión (su estado es “%2”, decisión “%3”); solo una recepción en revisión se puede procesar de todos modos o dejar en revisión.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="126"/>
        <source>Return %1 is already closed in Loop: there is nothing left to process. Keep it flagged to take the receipt off the queue.</source>
        <translation>La devolución %1 ya está cerrada en Loop: no queda nada por procesar. Déjela en revisión para sacar la recepción de la cola.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="129"/>
        <source>Return %1 is already closed in Loop; it cannot be closed any more.</source>
        <translation>La devolución %1 ya está cerrada en Loop; no se puede volver a cerrar.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="131"/>
        <source>Return %1 is already closed in Loop; it cannot be cancelled any more.</source>
        <translation>La devolución %1 ya está cerrada en Loop; ya no se puede cancelar.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="133"/>
        <source>Return %1 is %2 in Loop, and Loop does not process it. Keep it flagged, or close it.</source>
        <translation>La devolución %1 está %2 en Loop, y Loop no la procesa. Déjela en revisión o ciérrela.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="136"/>
        <source>Return %1 is cancelled in Loop, and Loop does not close a cancelled return.</source>
        <translation>La devolución %1 está cancelada en Loop, y Loop no cierra una devolución cancelada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="138"/>
        <source>Return %1 is already cancelled in Loop.</source>
        <translation>La devolución %1 ya está cancelada en Loop.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="140"/>
        <source>Return %1 is %2 in Loop, and Loop does not cancel it. Close it instead, or unflag it in Loop Admin first and sync.</source>
        <translation>La devolución %1 está %2 en Loop, y Loop no la cancela. Ciérrela en su lugar, o primero quítele la marca de revisión en Loop Admin y sincronice.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="143"/>
        <source>Return %1 is %2 in Loop, and Loop does not cancel it. Close it instead.</source>
        <translation>La devolución %1 está %2 en Loop, y Loop no la cancela. Ciérrela en su lugar.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="146"/>
        <source>Return %1 was flagged in Loop by this station (outbox entry %2), and Loop does not cancel a flagged return. Close it instead, or unflag it in Loop Admin first and sync.</source>
        <translation>Esta estación marcó para revisión la devolución %1 en Loop (entrada %2 de la bandeja de salida), y Loop no cancela una devolución marcada para revisión. Ciérrela en su lugar, o primero quítele la marca de revisión en Loop Admin y sincronice.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="149"/>
        <source>There is no unknown package %1. Pick it again from the exception queue.</source>
        <translation>No existe el paquete desconocido %1. Vuelva a elegirlo en la cola de excepciones.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="151"/>
        <source>Unknown package %1 is already matched to return %2; it is no longer in the exception queue.</source>
        <translation>El paquete desconocido %1 ya está vinculado a la devolución %2; ya no está en la cola de excepciones.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="153"/>
        <source>Unknown package %1 was matched by somebody else a moment ago; nothing was changed.</source>
        <translation>Otra persona acaba de vincular el paquete desconocido %1; no se cambió nada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="155"/>
        <source>There is no outbox entry %1. Pick it again from the parked queue.</source>
        <translation>No existe la entrada %1 de la bandeja de salida. Vuelva a elegirla en la cola de envíos retenidos.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="157"/>
        <source>Outbox entry %1 (%2 for return %3) is %4, not parked; only a parked call can be retried.</source>
        <translation>La entrada %1 de la bandeja de salida (“%2” de la devolución %3) está en estado “%4”, no retenida; solo se puede reintentar una llamada retenida.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="160"/>
        <source>Outbox entry %1 (%2 for return %3) is %4, not parked; only a parked call can be dismissed.</source>
        <translation>La entrada %1 de la bandeja de salida (“%2” de la devolución %3) está en estado “%4”, no retenida; solo se puede descartar una llamada retenida.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="164"/>
        <source>There is no outbox entry %1.</source>
        <translation>No existe la entrada %1 de la bandeja de salida.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="166"/>
        <source>Outbox entry %1 (%2 for return %3) is %4, not %5.</source>
        <translation>La entrada %1 de la bandeja de salida (“%2” de la devolución %3) está en estado “%4”, no “%5”.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="171"/>
        <location filename="../ui/ErrorTexts.cpp" line="269"/>
        <source>The database URL %1 is not valid: %2. Use sqlite:///path/to/file.sqlite or postgresql://user:password@host:port/database.</source>
        <translation>La URL de la base de datos %1 no es válida: %2. Use sqlite:///path/to/file.sqlite o postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="174"/>
        <source>The Qt SQL driver for %1 is not installed. Install %2 (scripts/setup.sh does) and start again.</source>
        <translation>El controlador Qt SQL para %1 no está instalado. Instale %2 (scripts/setup.sh lo hace) y vuelva a iniciar Dockside.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="176"/>
        <source>Cannot connect to PostgreSQL at %1. Check that the server is running and reachable from this station, and that the host and port in the URL are right.</source>
        <translation>No se puede conectar a PostgreSQL en %1. Verifique que el servidor esté en marcha y sea accesible desde esta estación, y que el host y el puerto de la URL sean correctos.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="179"/>
        <source>PostgreSQL at %1 refused the user name or password. Check the user and password in the URL.</source>
        <translation>PostgreSQL en %1 rechazó el nombre de usuario o la contraseña. Revise el usuario y la contraseña de la URL.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="181"/>
        <source>The PostgreSQL server at %1 has no database named %2. Create it (createdb %2) or fix the URL.</source>
        <translation>El servidor PostgreSQL en %1 no tiene ninguna base de datos llamada %2. Créela (createdb %2) o corrija la URL.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="183"/>
        <source>Lost the connection to PostgreSQL at %1 while %2. Check that the server is running; Dockside reconnects on the next try and nothing already stored is lost.</source>
        <translation>Se perdió la conexión con PostgreSQL en %1 (operación: %2). Verifique que el servidor esté en marcha; Dockside se vuelve a conectar en el siguiente intento y no se pierde nada de lo que ya está guardado.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="186"/>
        <source>Cannot create the folder %1 for the database %2. Create it, make it writable, or pass --db with another location.</source>
        <translation>No se puede crear la carpeta %1 para la base de datos %2. Créela, dele permiso de escritura o indique otra ubicación con --db.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="189"/>
        <source>The database path %1 is not a file. Pass --db with the path of an SQLite file.</source>
        <translation>La ruta de base de datos %1 no es un archivo. Indique con --db la ruta de un archivo SQLite.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="191"/>
        <source>The database file %1 cannot be read by this user. Fix its permissions or pass --db with another file; nothing was changed.</source>
        <translation>Este usuario no puede leer el archivo de base de datos %1. Corrija sus permisos o indique otro archivo con --db; no se cambió nada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="194"/>
        <source>The database file %1 is read-only. Make it writable for this user (or move it off a read-only disk), or pass --db with another file; nothing was changed.</source>
        <translation>El archivo de base de datos %1 es de solo lectura. Dé permiso de escritura a este usuario (o páselo a un disco que no sea de solo lectura), o indique otro archivo con --db; no se cambió nada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="197"/>
        <source>The database %1 is read-only, so %2 failed. Make the file and its folder writable; nothing was saved by this action.</source>
        <translation>La base de datos %1 es de solo lectura, así que falló la operación (%2). Dé permiso de escritura al archivo y a su carpeta; esta acción no guardó nada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="200"/>
        <source>The folder %1 is read-only, but SQLite needs to create its journal files next to the database %2. Make the folder writable or pass --db with another location; nothing was changed.</source>
        <translation>La carpeta %1 es de solo lectura, pero SQLite necesita crear sus archivos de diario (journal) junto a la base de datos %2. Dé permiso de escritura a la carpeta o indique otra ubicación con --db; no se cambió nada.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="203"/>
        <source>Cannot open the SQLite database %1. Check that the path is right and writable, or pass --db with another file.</source>
        <translation>No se puede abrir la base de datos SQLite %1. Verifique que la ruta sea correcta y que se pueda escribir en ella, o indique otro archivo con --db.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="206"/>
        <source>Cannot open the SQLite database %1 while %2. Check that the file and its folder exist and are writable.</source>
        <translation>No se puede abrir la base de datos SQLite %1 (operación: %2). Verifique que el archivo y su carpeta existan y que se pueda escribir en ellos.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="208"/>
        <source>The file %1 is not a Dockside database or is damaged. Dockside did not change it. Restore it from a backup, or start with another file: --db sqlite:///path/to/new.sqlite</source>
        <translation>El archivo %1 no es una base de datos de Dockside o está dañado. Dockside no lo modificó. Restáurelo desde una copia de seguridad o empiece con otro archivo: --db sqlite:///path/to/new.sqlite</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="211"/>
        <source>The SQLite database %1 could not switch to WAL mode (it stayed in %2 mode). Put the file on a local disk that allows shared memory files, or pass --db with another location.</source>
        <translation>La base de datos SQLite %1 no pudo pasar al modo WAL (quedó en modo %2). Ponga el archivo en un disco local que permita archivos de memoria compartida, o indique otra ubicación con --db.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="214"/>
        <source>The database %1 has schema version %2, newer than this Dockside knows (%3). Update Dockside on this station; the database was not changed.</source>
        <translation>La base de datos %1 tiene la versión de esquema %2, más nueva que la que conoce esta versión de Dockside (%3). Actualice Dockside en esta estación; la base de datos no se modificó.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="217"/>
        <source>The database %1 failed while %2. Nothing was saved by this action; try again, and if it keeps failing give this message to your administrator.</source>
        <translation>La base de datos %1 falló (operación: %2). Esta acción no guardó nada; vuelva a intentarlo y, si sigue fallando, entregue este mensaje a su administrador.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="222"/>
        <source>A merchant needs a name.</source>
        <translation>El comercio necesita un nombre.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="224"/>
        <source>A merchant named %1 already exists. Choose another name or edit that merchant.</source>
        <translation>Ya existe un comercio llamado %1. Elija otro nombre o edite ese comercio.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="226"/>
        <source>There is no merchant with id %1 to update; it may have been removed at another station.</source>
        <translation>No hay ningún comercio con id %1 para actualizar; es posible que se haya eliminado en otra estación.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="228"/>
        <source>The secrets file %1 is damaged (%2). Dockside left it exactly as it is: restore it from a backup, or move it aside and enter the merchants&apos; API keys and webhook secrets again.</source>
        <translation>El archivo de secretos %1 está dañado (%2). Dockside lo dejó tal como está: restáurelo desde una copia de seguridad, o muévalo a otro lugar y vuelva a ingresar las claves de API y los secretos de webhook de los comercios.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="231"/>
        <source>Could not write the secrets file %1 (%2). Check that its folder exists and that the user running Dockside may write there.</source>
        <translation>No se pudo escribir el archivo de secretos %1 (%2). Verifique que su carpeta exista y que el usuario que ejecuta Dockside tenga permiso para escribir ahí.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="234"/>
        <source>Another Dockside program is changing the secrets file %1. Try again in a moment; if this keeps happening while no other Dockside runs, delete %1.lock.</source>
        <translation>Otro programa Dockside está modificando el archivo de secretos %1. Vuelva a intentarlo en un momento; si sigue pasando sin que haya otro Dockside abierto, borre %1.lock.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="237"/>
        <source>The secrets file %1 can be read or changed by other users (mode %2), so Dockside will not use it. Run: chmod 600 %1 ; then replace the API keys and webhook secrets it holds, since others may have read them.</source>
        <translation>Otros usuarios pueden leer o modificar el archivo de secretos %1 (modo %2), así que Dockside no lo va a usar. Ejecute: chmod 600 %1 ; luego reemplace las claves de API y los secretos de webhook que contiene, porque otros pueden haberlos leído.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="241"/>
        <source>Could not read the secrets file %1 (%2). It must belong to the user that runs Dockside.</source>
        <translation>No se pudo leer el archivo de secretos %1 (%2). Debe pertenecer al usuario que ejecuta Dockside.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="243"/>
        <source>The secrets file %1 was written by a newer Dockside. Update Dockside on this station.</source>
        <translation>El archivo de secretos %1 lo escribió una versión más nueva de Dockside. Actualice Dockside en esta estación.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="245"/>
        <source>The protected file %1 holds no secret &quot;%2&quot;: it was never stored on this station or was removed. Enter the key again.</source>
        <translation>El archivo protegido %1 no contiene ningún secreto &quot;%2&quot;: nunca se guardó en esta estación o se eliminó. Vuelva a ingresar la clave.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="248"/>
        <source>The OS keychain holds no secret &quot;%1&quot; (service Dockside): it was never stored for this user on this computer or was removed. Enter the key again.</source>
        <translation>El llavero del sistema no contiene ningún secreto &quot;%1&quot; (servicio Dockside): nunca se guardó para este usuario en esta computadora o se eliminó. Vuelva a ingresar la clave.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="251"/>
        <source>The OS keychain refused access to the secret &quot;%1&quot;. Unlock the keychain or allow Dockside to use it, then try again.</source>
        <translation>El llavero del sistema denegó el acceso al secreto &quot;%1&quot;. Desbloquee el llavero o permita que Dockside lo use, y luego vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="254"/>
        <source>The OS keychain did not store or return the secret &quot;%1&quot; (%2). Check that the keychain service runs and is unlocked, then try again.</source>
        <translation>El llavero del sistema no guardó ni devolvió el secreto &quot;%1&quot; (%2). Verifique que el servicio del llavero esté en marcha y desbloqueado, y luego vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="259"/>
        <source>The settings file %1 does not read as settings; Dockside uses the defaults and does not write it. Move it aside (or fix it) and set the station up again.</source>
        <translation>El archivo de configuración %1 no se puede leer como configuración; Dockside usa los valores predeterminados y no escribe en él. Muévalo a otro lugar (o corríjalo) y vuelva a configurar la estación.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="262"/>
        <source>The settings file %1 cannot be read. Check that this user may read it.</source>
        <translation>No se puede leer el archivo de configuración %1. Verifique que este usuario tenga permiso para leerlo.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="264"/>
        <source>Could not write the settings file %1. Check that its folder exists and that this user may write there; the change was not saved.</source>
        <translation>No se pudo escribir el archivo de configuración %1. Verifique que su carpeta exista y que este usuario tenga permiso para escribir ahí; el cambio no se guardó.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="267"/>
        <source>A user name may have at most %1 characters.</source>
        <translation>El nombre de usuario puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="274"/>
        <source>Cannot listen for Loop webhooks on %1 port %2: the address is not this computer&apos;s or the port is in use. Choose another port.</source>
        <translation>No se pueden recibir los webhooks de Loop en %1, puerto %2: la dirección no es de esta computadora o el puerto está en uso. Elija otro puerto.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="277"/>
        <source>The webhook receiver did not start.</source>
        <translation>El receptor de webhooks no se inició.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorTexts.cpp" line="335"/>
        <source>Dockside could not do that (error %1). Try again; if it keeps failing, tell your administrator.</source>
        <translation>Dockside no pudo hacer eso (error %1). Vuelva a intentarlo; si sigue fallando, avise a su administrador.</translation>
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
        <translation>Todavía no hay comercios configurados: las devoluciones aparecen aquí cuando se agrega un comercio y se sincroniza con Loop.</translation>
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
        <location filename="../ui/MainWindow.ui" line="206"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="112"/>
        <source>&amp;Station</source>
        <translation>&amp;Estación</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="121"/>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="136"/>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="151"/>
        <source>Demo: codes to try</source>
        <translation>Demo: códigos para probar</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="159"/>
        <source>This is a demo station with a simulated Loop. Scan or type one of these codes into the scan field, or double-click one to scan it.</source>
        <translation>Esta es una estación de demostración con un Loop simulado. Escanee o escriba uno de estos códigos en el campo de escaneo, o haga doble clic en uno para escanearlo.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="173"/>
        <source>&amp;Receive</source>
        <translation>&amp;Recibir</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="174"/>
        <source>Receive packages (F2)</source>
        <translation>Recibir paquetes (F2)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="175"/>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="179"/>
        <source>Su&amp;pervisor</source>
        <translation>Su&amp;pervisor</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="180"/>
        <source>Flagged returns, unknown packages and refused pushes (F3)</source>
        <translation>Devoluciones en revisión, paquetes desconocidos y envíos rechazados (F3)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="181"/>
        <source>F3</source>
        <translation>F3</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="185"/>
        <source>&amp;Overview</source>
        <translation>Res&amp;umen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="186"/>
        <source>Database, merchants and pushes at a glance (F4)</source>
        <translation>Base de datos, comercios y envíos de un vistazo (F4)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="187"/>
        <source>F4</source>
        <translation>F4</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="191"/>
        <source>S&amp;ync now</source>
        <translation>Si&amp;ncronizar ahora</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="192"/>
        <source>Pull returns from Loop now and refresh the screens (F5)</source>
        <translation>Traer ahora las devoluciones de Loop y actualizar las pantallas (F5)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="127"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="193"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="196"/>
        <source>Sign &amp;in…</source>
        <translation>&amp;Iniciar sesión…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="197"/>
        <source>Change who works at this station (Ctrl+L)</source>
        <translation>Cambiar quién trabaja en esta estación (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="198"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="201"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="202"/>
        <source>Merchants, database, sync, scanner and language (Ctrl+,)</source>
        <translation>Comercios, base de datos, sincronización, escáner e idioma (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="203"/>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="207"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="210"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>A&amp;tajos de teclado</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="214"/>
        <source>&amp;About Dockside</source>
        <translation>&amp;Acerca de Dockside</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="211"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
</context>
<context>
    <name>OverrideNoteDialog</name>
    <message>
        <location filename="../ui/OverrideNoteDialog.ui" line="9"/>
        <source>Supervisor action</source>
        <translation>Acción de supervisor</translation>
    </message>
    <message>
        <location filename="../ui/OverrideNoteDialog.ui" line="25"/>
        <source>&amp;Note (required: why you decide this; it goes into the audit trail)</source>
        <translation>&amp;Nota (obligatoria: por qué decide esto; queda en el registro de auditoría)</translation>
    </message>
    <message>
        <location filename="../ui/OverrideNoteDialog.ui" line="33"/>
        <source>e.g. Customer called: the missing sock was shipped separately</source>
        <translation>p. ej. Llamó el cliente: el calcetín que falta se envió por separado</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <location filename="../ui/ReceivePage.ui" line="9"/>
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="19"/>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="27"/>
        <source>&amp;Scan</source>
        <translation>E&amp;scanear</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="35"/>
        <source>Scan a label, order number, return number, e-mail or item</source>
        <translation>Etiqueta, pedido, devolución, correo o artículo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="43"/>
        <source>Undo scan
Ctrl+Z</source>
        <translation>Deshacer
Ctrl+Z</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="60"/>
        <source>Receiving is not available</source>
        <translation>La recepción no está disponible</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="68"/>
        <source>The station has no database connection, so returns cannot be looked up or received. Fix the database (see the overview page) and receiving comes back on its own.</source>
        <translation>La estación no tiene conexión a la base de datos, así que no se pueden buscar ni recibir devoluciones. Corrija la base de datos (vea la página de resumen) y la recepción vuelve sola.</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="85"/>
        <source>Scan the return label to start</source>
        <translation>Escanee la etiqueta para empezar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="170"/>
        <source>Selected item</source>
        <translation>Artículo seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="185"/>
        <source>Condition: press its key</source>
        <translation>Condición: presione su tecla</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="204"/>
        <source>Disposition:</source>
        <translation>Destino:</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="215"/>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="222"/>
        <source>Ctrl+N, type, Enter saves</source>
        <translation>Ctrl+N, escriba, Enter guarda</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="227"/>
        <source>Photos:</source>
        <translation>Fotos:</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="240"/>
        <source>Add a photo file…  Ctrl+P</source>
        <translation>Agregar archivo de foto…  Ctrl+P</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="247"/>
        <source>Take a photo…  Ctrl+Shift+P</source>
        <translation>Tomar una foto…  Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="264"/>
        <source>Received, label unreadable  Ctrl+R</source>
        <translation>Recibido, etiqueta ilegible  Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="287"/>
        <source>Give back  Esc</source>
        <translation>Liberar  Esc</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="295"/>
        <source>Package &amp;note:</source>
        <translation>&amp;Nota del paquete:</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="304"/>
        <source>About the box: crushed, wet, no slip…  Ctrl+Shift+N, Enter saves</source>
        <translation>Sobre la caja: aplastada, mojada, sin lista de empaque…  Ctrl+Shift+N, Enter guarda</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="310"/>
        <source>Check and submit  Ctrl+Enter</source>
        <translation>Revisar y enviar  Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="342"/>
        <source>Send to Loop  Ctrl+Enter</source>
        <translation>Enviar a Loop  Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../ui/ReceivePage.ui" line="350"/>
        <source>Back to the items  Esc</source>
        <translation>Volver a los artículos  Esc</translation>
    </message>
</context>
<context>
    <name>ReceivingTexts</name>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="28"/>
        <source>Grade A</source>
        <comment>condition</comment>
        <translation>Grado A</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="30"/>
        <source>Grade B</source>
        <comment>condition</comment>
        <translation>Grado B</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="32"/>
        <source>Grade C</source>
        <comment>condition</comment>
        <translation>Grado C</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="34"/>
        <source>Grade D</source>
        <comment>condition</comment>
        <translation>Grado D</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="36"/>
        <source>Wrong item</source>
        <comment>condition</comment>
        <translation>Incorrecto</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="38"/>
        <source>Missing</source>
        <comment>condition</comment>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="40"/>
        <source>Junk</source>
        <comment>condition</comment>
        <translation>Desecho</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="49"/>
        <source>Like new: unworn, tags on, original packaging</source>
        <translation>Como nuevo: sin uso, con etiquetas, empaque original</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="51"/>
        <source>Good: lightly used or packaging opened, sellable as is</source>
        <translation>Bueno: poco uso o empaque abierto, se puede vender así</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="53"/>
        <source>Fair: visible wear or small defects</source>
        <translation>Regular: desgaste visible o defectos pequeños</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="55"/>
        <source>Poor: damaged, stained or incomplete</source>
        <translation>Malo: dañado, manchado o incompleto</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="57"/>
        <source>Not the item the customer said they would send</source>
        <translation>No es el artículo que el cliente dijo que enviaría</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="59"/>
        <source>Not in the package</source>
        <translation>No está en el paquete</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="61"/>
        <source>Worthless: only fit for disposal</source>
        <translation>Sin valor: solo sirve para desechar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="70"/>
        <source>Back to stock</source>
        <comment>disposition</comment>
        <translation>Regresar a inventario</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="72"/>
        <source>Resale hold</source>
        <comment>disposition</comment>
        <translation>Retener para reventa</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="74"/>
        <source>Recycle</source>
        <comment>disposition</comment>
        <translation>Reciclar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="76"/>
        <source>Donate</source>
        <comment>disposition</comment>
        <translation>Donar</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="78"/>
        <source>Missing</source>
        <comment>disposition</comment>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="87"/>
        <source>Items missing from the package</source>
        <translation>Faltan artículos en el paquete</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="89"/>
        <source>Items that are not on this return</source>
        <translation>Artículos que no están en esta devolución</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="91"/>
        <source>Wrong items sent</source>
        <translation>Se enviaron artículos incorrectos</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="93"/>
        <source>Condition below what the merchant accepts</source>
        <translation>Condición inferior a la que acepta el comercio</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="95"/>
        <source>More units than expected</source>
        <translation>Más unidades de lo esperado</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="97"/>
        <source>The return is not open in Loop</source>
        <translation>La devolución no está abierta en Loop</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="99"/>
        <source>The label was never delivered</source>
        <translation>La etiqueta nunca figuró como entregada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="101"/>
        <source>Worth more than a receiver may process alone</source>
        <translation>Vale más de lo que un receptor puede procesar solo</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="103"/>
        <source>This merchant has a supervisor check every return</source>
        <translation>Este comercio pide que un supervisor revise cada devolución</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="105"/>
        <source>Decided by a supervisor</source>
        <translation>Decidido por un supervisor</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="114"/>
        <source>The return is %1 in Loop, not open</source>
        <translation>La devolución está %1 en Loop, no abierta</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="117"/>
        <source>The label has no delivery status</source>
        <translation>La etiqueta no tiene estado de entrega</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="118"/>
        <source>The label was never delivered (status: %1)</source>
        <translation>La etiqueta nunca figuró como entregada (estado: %1)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="120"/>
        <source>Worth %1, over the %2 a receiver may process alone</source>
        <translation>Vale %1, más de los %2 que un receptor puede procesar solo</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ReceivingTexts.cpp" line="135"/>
        <source>and %n more</source>
        <translation>
            <numerusform>y %n más</numerusform>
            <numerusform>y %n más</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="140"/>
        <source>code %1</source>
        <translation>código %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="142"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="144"/>
        <source>%1 (%2 units)</source>
        <translation>%1 (%2 unidades)</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="149"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="149"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="156"/>
        <source>No label</source>
        <translation>Sin etiqueta</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="158"/>
        <source>Label created</source>
        <translation>Etiqueta creada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="160"/>
        <source>Not yet shipped</source>
        <translation>Aún no enviada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="162"/>
        <source>In transit</source>
        <translation>En tránsito</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="164"/>
        <source>Out for delivery</source>
        <translation>En reparto</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="166"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="168"/>
        <source>Delivery failed</source>
        <translation>Entrega fallida</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="170"/>
        <source>Returned to sender</source>
        <translation>Devuelta al remitente</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="178"/>
        <source>open</source>
        <comment>return state</comment>
        <translation>abierta</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="180"/>
        <source>closed</source>
        <comment>return state</comment>
        <translation>cerrada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="182"/>
        <source>cancelled</source>
        <comment>return state</comment>
        <translation>cancelada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="184"/>
        <source>expired</source>
        <comment>return state</comment>
        <translation>vencida</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="186"/>
        <source>in review</source>
        <comment>return state</comment>
        <translation>en revisión</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="188"/>
        <source>in an unknown state</source>
        <comment>return state</comment>
        <translation>en un estado desconocido</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="200"/>
        <source>Cancelled in Loop</source>
        <translation>Cancelada en Loop</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="203"/>
        <source>Closed in Loop</source>
        <translation>Cerrada en Loop</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="206"/>
        <source>Expired in Loop</source>
        <translation>Vencida en Loop</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="209"/>
        <source>Flagged for review in Loop</source>
        <translation>Marcada para revisión en Loop</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="212"/>
        <source>Unknown state in Loop</source>
        <translation>Estado desconocido en Loop</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="217"/>
        <source>No label on record</source>
        <translation>No hay etiqueta registrada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="218"/>
        <source>Label never delivered</source>
        <translation>Etiqueta nunca entregada</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="222"/>
        <source>Worth %1: a supervisor decides</source>
        <translation>Vale %1: decide un supervisor</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="225"/>
        <source>Every return of this merchant goes to a supervisor</source>
        <translation>Todas las devoluciones de este comercio van a un supervisor</translation>
    </message>
    <message>
        <location filename="../ui/ReceivingTexts.cpp" line="232"/>
        <source>%1 %2</source>
        <comment>amount, currency</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>RelinkDialog</name>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="9"/>
        <source>Re-link unknown package</source>
        <translation>Vincular paquete desconocido</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="15"/>
        <source>Which return is this package?</source>
        <translation>¿De qué devolución es este paquete?</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="26"/>
        <source>&amp;Return: scan its label, or type its order name, Loop return number or customer email</source>
        <translation>&amp;Devolución: escanee su etiqueta o escriba su número de pedido, número de devolución de Loop o correo del cliente</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="40"/>
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="58"/>
        <source>&amp;Note (required: how you know it is this return)</source>
        <translation>&amp;Nota (obligatoria: cómo sabe que es esta devolución)</translation>
    </message>
    <message>
        <location filename="../ui/RelinkDialog.ui" line="66"/>
        <source>e.g. Packing slip inside names order #1042</source>
        <translation>p. ej. La lista de empaque de adentro dice pedido #1042</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="9"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="16"/>
        <source>&amp;Station</source>
        <translation>&amp;Estación</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="21"/>
        <source>Station &amp;name:</source>
        <translation>&amp;Nombre de la estación:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="28"/>
        <source>e.g. Dock 3</source>
        <translation>p. ej. Muelle 3</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="33"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="42"/>
        <source>Sounds:</source>
        <translation>Sonidos:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="47"/>
        <source>Play a sound for a good scan, an unknown scan, a wrong item and a flag</source>
        <translation>Reproducir un sonido al escanear bien, al escanear algo desconocido, con un artículo incorrecto y al marcar para revisión</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="52"/>
        <source>Serial scanner &amp;port:</source>
        <translation>Puerto del escáner se&amp;rie:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="63"/>
        <source>Scanner &amp;speed:</source>
        <translation>&amp;Velocidad del escáner:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="73"/>
        <source>A USB scanner that types like a keyboard needs no setting here. Choose a port only for a scanner on a serial (COM or tty) port.</source>
        <translation>Un escáner USB que escribe como un teclado no necesita configuración aquí. Elija un puerto solo para un escáner en un puerto serie (COM o tty).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="80"/>
        <source>&amp;Database</source>
        <translation>&amp;Base de datos</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="85"/>
        <source>Database &amp;URL:</source>
        <translation>&amp;URL de la base de datos:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="91"/>
        <source>Empty: the SQLite file in the app data folder</source>
        <translation>Vacío: el archivo SQLite en la carpeta de datos de la aplicación</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="96"/>
        <source>In use now:</source>
        <translation>En uso ahora:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="107"/>
        <source>sqlite:///absolute/path/station.sqlite for one workstation, or postgresql://user:password@host:port/database for a site where several stations share one database. The --db option and $DOCKSIDE_DB take precedence over this setting.</source>
        <translation>sqlite:///absolute/path/station.sqlite para una sola estación de trabajo, o postgresql://user:password@host:port/database para un sitio donde varias estaciones comparten una base de datos. La opción --db y $DOCKSIDE_DB tienen prioridad sobre esta configuración.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="113"/>
        <source>A new database URL takes effect when Dockside is started again.</source>
        <translation>Una URL de base de datos nueva se aplica al volver a iniciar Dockside.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="120"/>
        <source>S&amp;ync</source>
        <translation>&amp;Sincronización</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="125"/>
        <source>Pull from Loop &amp;every:</source>
        <translation>&amp;Traer de Loop cada:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="138"/>
        <source>The daily &amp;sweep covers:</source>
        <translation>El barrido &amp;diario abarca:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="151"/>
        <source>&amp;Receive Loop&apos;s webhooks, so that new and changed returns arrive within seconds</source>
        <translation>&amp;Recibir los webhooks de Loop, para que las devoluciones nuevas o modificadas lleguen en segundos</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="156"/>
        <source>Webhook &amp;port:</source>
        <translation>Puerto de &amp;webhooks:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="175"/>
        <source>&amp;Merchants</source>
        <translation>&amp;Comercios</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="196"/>
        <source>&amp;Add merchant</source>
        <translation>&amp;Agregar comercio</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="205"/>
        <source>Merchant</source>
        <translation>Comercio</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="210"/>
        <source>Na&amp;me:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="216"/>
        <source>e.g. Acme Outdoor</source>
        <translation>p. ej. Acme Outdoor</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="221"/>
        <source>Loop API &amp;address:</source>
        <translation>&amp;Dirección de la API de Loop:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="232"/>
        <source>API &amp;version:</source>
        <translation>&amp;Versión de la API:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="241"/>
        <source>API &amp;key:</source>
        <translation>C&amp;lave de API:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="252"/>
        <source>&amp;Webhook secret:</source>
        <translation>Secreto de &amp;webhook:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="263"/>
        <source>Requests per &amp;minute:</source>
        <translation>Solicitudes por &amp;minuto:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="276"/>
        <source>Acti&amp;ve: sync and receive its returns</source>
        <translation>Ac&amp;tivo: sincronizar y recibir sus devoluciones</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="285"/>
        <source>Receiving rules</source>
        <translation>Reglas de recepción</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="290"/>
        <source>Conditions that may be processed without a supervisor:</source>
        <translation>Condiciones que se pueden procesar sin supervisor:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="295"/>
        <source>Grade A</source>
        <translation>Grado A</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="296"/>
        <source>Grade B</source>
        <translation>Grado B</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="297"/>
        <source>Grade C</source>
        <translation>Grado C</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="298"/>
        <source>Grade D</source>
        <translation>Grado D</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="305"/>
        <source>Returns worth more than</source>
        <translation>Las devoluciones de más de</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="317"/>
        <source>go to a supervisor (in the return&apos;s currency)</source>
        <translation>van a un supervisor (en la moneda de la devolución)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="324"/>
        <source>Flag a package whose label was never marked delivered</source>
        <translation>Marcar para revisión un paquete cuya etiqueta nunca figuró como entregada</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="329"/>
        <source>&amp;Process automatically when everything is in order (off: every receipt waits for a supervisor)</source>
        <translation>Procesar a&amp;utomáticamente cuando todo está en orden (desactivado: cada recepción espera a un supervisor)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="350"/>
        <source>Sa&amp;ve merchant</source>
        <translation>&amp;Guardar comercio</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="362"/>
        <source>Supervisor &amp;PIN</source>
        <translation>&amp;PIN de supervisor</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="372"/>
        <source>&amp;Current PIN:</source>
        <translation>PIN &amp;actual:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="385"/>
        <source>&amp;New PIN:</source>
        <translation>PIN &amp;nuevo:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="398"/>
        <source>New PIN &amp;again:</source>
        <translation>&amp;Repetir PIN nuevo:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.ui" line="411"/>
        <source>Set &amp;PIN</source>
        <translation>Definir P&amp;IN</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/SignInDialog.ui" line="9"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="24"/>
        <source>Your &amp;name:</source>
        <translation>Su &amp;nombre:</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="36"/>
        <source>Role:</source>
        <translation>Rol:</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="43"/>
        <source>&amp;Receiver</source>
        <translation>&amp;Receptor</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="49"/>
        <source>&amp;Supervisor</source>
        <translation>&amp;Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/SignInDialog.ui" line="56"/>
        <source>Supervisor &amp;PIN:</source>
        <translation>&amp;PIN de supervisor:</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="15"/>
        <source>You can look at these queues, but only a supervisor can act on them. Sign in as a supervisor to process, keep, close, cancel or re-link.</source>
        <translation>Puede ver estas colas, pero solo un supervisor puede actuar sobre ellas. Inicie sesión como supervisor para procesar, dejar en revisión, cerrar, cancelar o vincular.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="23"/>
        <source>&amp;Merchant</source>
        <translation>&amp;Comercio</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="34"/>
        <source>F&amp;rom</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="41"/>
        <source>First day shown. &quot;Any&quot; shows everything from the start.</source>
        <translation>Primer día que se muestra. &quot;Todas&quot; muestra todo desde el principio.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="46"/>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="53"/>
        <source>Last day shown, included. &quot;Any&quot; shows everything up to now.</source>
        <translation>Último día que se muestra, incluido. &quot;Todas&quot; muestra todo hasta ahora.</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="58"/>
        <source>R&amp;eason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="81"/>
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="86"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="107"/>
        <source>Flagged</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="119"/>
        <source>Unknown packages</source>
        <translation>Paquetes desconocidos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="131"/>
        <source>Parked pushes</source>
        <translation>Envíos retenidos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="156"/>
        <source>Process anyway</source>
        <translation>Procesar igual</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="157"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="158"/>
        <source>Tell Loop to process this return after all, with your note (Ctrl+P)</source>
        <translation>Indicar a Loop que procese esta devolución de todos modos, con su nota (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="163"/>
        <source>Keep flagged</source>
        <translation>Dejar en revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="164"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="165"/>
        <source>Leave the return flagged in Loop and take it off this queue (Ctrl+K)</source>
        <translation>Dejar la devolución marcada para revisión en Loop y sacarla de esta cola (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="170"/>
        <source>Close return</source>
        <translation>Cerrar devolución</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="171"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="172"/>
        <source>Close the return in Loop without refund or exchange (Ctrl+Shift+C)</source>
        <translation>Cerrar la devolución en Loop sin reembolso ni cambio (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="177"/>
        <source>Cancel return</source>
        <translation>Cancelar devolución</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="178"/>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="179"/>
        <source>Cancel the return in Loop: the customer can return the items again (Ctrl+Shift+X)</source>
        <translation>Cancelar la devolución en Loop: el cliente puede volver a devolver los artículos (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="184"/>
        <source>Re-link to a return…</source>
        <translation>Vincular a una devolución…</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="185"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="186"/>
        <source>Say which return this package belongs to (Ctrl+R)</source>
        <translation>Indicar a qué devolución pertenece este paquete (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="191"/>
        <source>Retry push</source>
        <translation>Reintentar envío</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="192"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="193"/>
        <source>Send this call to Loop again now (Ctrl+T)</source>
        <translation>Enviar esta llamada a Loop de nuevo ahora (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="198"/>
        <source>Dismiss push</source>
        <translation>Descartar envío</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="199"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorPage.ui" line="200"/>
        <source>Settle this call without sending it, e.g. when it was done in Loop&apos;s admin (Ctrl+D)</source>
        <translation>Dar por resuelta esta llamada sin enviarla, p. ej. si ya se hizo en el panel de Loop (Ctrl+D)</translation>
    </message>
</context>
<context>
    <name>SupervisorText</name>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="15"/>
        <source>Item missing</source>
        <translation>Falta un artículo</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="17"/>
        <source>Unexpected item</source>
        <translation>Artículo inesperado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="19"/>
        <location filename="../ui/SupervisorText.cpp" line="147"/>
        <source>Wrong item</source>
        <translation>Artículo incorrecto</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="21"/>
        <source>Condition below threshold</source>
        <translation>Condición bajo el mínimo</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="23"/>
        <source>More items than expected</source>
        <translation>Más artículos de lo esperado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="25"/>
        <source>Return not open in Loop</source>
        <translation>Devolución no abierta en Loop</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="27"/>
        <source>Label not delivered yet</source>
        <translation>Etiqueta aún no entregada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="29"/>
        <source>Value needs a supervisor</source>
        <translation>El valor requiere un supervisor</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="31"/>
        <source>Automatic processing off</source>
        <translation>Procesamiento automático desactivado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="33"/>
        <source>Supervisor override</source>
        <translation>Decisión del supervisor</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="44"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="58"/>
        <source>Process</source>
        <comment>decision</comment>
        <translation>Procesar</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="60"/>
        <source>Flag</source>
        <comment>decision</comment>
        <translation>Marcar para revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="69"/>
        <source>Open</source>
        <comment>return state</comment>
        <translation>Abierta</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="71"/>
        <source>Closed</source>
        <comment>return state</comment>
        <translation>Cerrada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="73"/>
        <source>Cancelled</source>
        <comment>return state</comment>
        <translation>Cancelada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="75"/>
        <source>Expired</source>
        <comment>return state</comment>
        <translation>Vencida</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="77"/>
        <source>In review</source>
        <comment>return state</comment>
        <translation>En revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="79"/>
        <source>Unknown</source>
        <comment>return state</comment>
        <translation>Desconocida</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="88"/>
        <source>Being received</source>
        <comment>receipt status</comment>
        <translation>En recepción</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="90"/>
        <source>Submitted</source>
        <comment>receipt status</comment>
        <translation>Enviada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="92"/>
        <source>Abandoned</source>
        <comment>receipt status</comment>
        <translation>Abandonada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="101"/>
        <source>Process</source>
        <comment>push to Loop</comment>
        <translation>Procesar</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="103"/>
        <source>Flag</source>
        <comment>push to Loop</comment>
        <translation>Marcar para revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="105"/>
        <source>Note</source>
        <comment>push to Loop</comment>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="107"/>
        <source>Grade</source>
        <comment>push to Loop</comment>
        <translation>Grados</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="109"/>
        <source>Assess</source>
        <comment>push to Loop</comment>
        <translation>Destinos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="111"/>
        <source>Close</source>
        <comment>push to Loop</comment>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="113"/>
        <source>Cancel</source>
        <comment>push to Loop</comment>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="122"/>
        <source>Waiting</source>
        <comment>push status</comment>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="124"/>
        <source>Sent</source>
        <comment>push status</comment>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="126"/>
        <source>Parked</source>
        <comment>push status</comment>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="128"/>
        <source>Dismissed</source>
        <comment>push status</comment>
        <translation>Descartado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="136"/>
        <source>Not graded</source>
        <translation>Sin grado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="139"/>
        <source>Grade A</source>
        <translation>Grado A</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="141"/>
        <source>Grade B</source>
        <translation>Grado B</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="143"/>
        <source>Grade C</source>
        <translation>Grado C</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="145"/>
        <source>Grade D</source>
        <translation>Grado D</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="149"/>
        <source>Missing</source>
        <comment>item condition</comment>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="151"/>
        <source>Junk</source>
        <comment>item condition</comment>
        <translation>Desecho</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="162"/>
        <source>Back to stock</source>
        <translation>Regresar a inventario</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="164"/>
        <source>Resale hold</source>
        <translation>Retener para reventa</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="166"/>
        <source>Recycle</source>
        <translation>Reciclar</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="168"/>
        <source>Donate</source>
        <translation>Donar</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="170"/>
        <source>Missing</source>
        <comment>disposition</comment>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="179"/>
        <source>No return yet</source>
        <comment>unknown package status</comment>
        <translation>Aún sin devolución</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="181"/>
        <source>Matched</source>
        <comment>unknown package status</comment>
        <translation>Vinculado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="189"/>
        <source>Scan</source>
        <comment>audit action</comment>
        <translation>Escaneo</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="191"/>
        <source>Scan undone</source>
        <comment>audit action</comment>
        <translation>Escaneo deshecho</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="193"/>
        <source>Marked missing</source>
        <comment>audit action</comment>
        <translation>Marcado como faltante</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="195"/>
        <source>Missing mark removed</source>
        <comment>audit action</comment>
        <translation>Marca de faltante quitada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="197"/>
        <source>Receiving abandoned</source>
        <comment>audit action</comment>
        <translation>Recepción abandonada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="199"/>
        <source>Decision</source>
        <comment>audit action</comment>
        <translation>Decisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="201"/>
        <source>Unknown package</source>
        <comment>audit action</comment>
        <translation>Paquete desconocido</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="203"/>
        <source>Unknown package matched</source>
        <comment>audit action</comment>
        <translation>Paquete desconocido vinculado</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="205"/>
        <source>Sent to Loop</source>
        <comment>audit action</comment>
        <translation>Enviado a Loop</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="207"/>
        <source>Closed in Loop</source>
        <comment>audit action</comment>
        <translation>Cerrada en Loop</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="209"/>
        <source>Supervisor override</source>
        <comment>audit action</comment>
        <translation>Decisión del supervisor</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="211"/>
        <source>Sync</source>
        <comment>audit action</comment>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="218"/>
        <source>Processed anyway</source>
        <comment>supervisor resolution</comment>
        <translation>Procesada de todos modos</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="220"/>
        <source>Kept flagged</source>
        <comment>supervisor resolution</comment>
        <translation>Se dejó en revisión</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="222"/>
        <source>Return closed</source>
        <comment>supervisor resolution</comment>
        <translation>Devolución cerrada</translation>
    </message>
    <message>
        <location filename="../ui/SupervisorText.cpp" line="224"/>
        <source>Return cancelled</source>
        <comment>supervisor resolution</comment>
        <translation>Devolución cancelada</translation>
    </message>
</context>
<context>
    <name>UnknownPackageDialog</name>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="9"/>
        <source>Unknown package</source>
        <translation>Paquete desconocido</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="19"/>
        <source>No return matches this package</source>
        <translation>No hay devolución para este paquete</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="27"/>
        <source>Put it on the exception shelf and record it here. The scan is kept exactly as read: after the next sync from Loop it is matched to its return automatically, or a supervisor links it.</source>
        <translation>Póngalo en el estante de excepciones y regístrelo aquí. El escaneo se guarda tal como se leyó: después de la próxima sincronización con Loop se vincula solo a su devolución, o lo vincula un supervisor.</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="35"/>
        <source>Scan:</source>
        <translation>Escaneo:</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="43"/>
        <source>Kept exactly as the scanner sent it; separators such as GS are shown as &lt;GS&gt;.</source>
        <translation>Se guarda tal como lo envió el escáner; los separadores como GS se muestran como &lt;GS&gt;.</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="48"/>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="54"/>
        <source>What is on the box: sender, order number on a slip, contents…</source>
        <translation>Lo que dice la caja: remitente, número de pedido en una nota, contenido…</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="61"/>
        <source>Photos:</source>
        <translation>Fotos:</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="75"/>
        <source>Add &amp;photo…</source>
        <translation>Agregar &amp;foto…</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="81"/>
        <source>&amp;Take photo…  Ctrl+Shift+P</source>
        <translation>&amp;Tomar foto…  Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="87"/>
        <source>&amp;Remove photo</source>
        <translation>&amp;Quitar foto</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="118"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/UnknownPackageDialog.ui" line="125"/>
        <source>Put in exception queue (Ctrl+Enter)</source>
        <translation>Poner en la cola de excepciones (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/dockside_main.cpp" line="34"/>
        <location filename="../app/dockside_main.cpp" line="134"/>
        <source>Dockside</source>
        <translation>Dockside</translation>
    </message>
    <message>
        <location filename="../app/dockside_main.cpp" line="87"/>
        <source>Dockside receiving station</source>
        <translation>Estación de recepción Dockside</translation>
    </message>
    <message>
        <location filename="../app/dockside_main.cpp" line="91"/>
        <source>Database URL: sqlite:///path/to/file.sqlite or postgresql://user:password@host:port/database. Default: $DOCKSIDE_DB, else the URL in Settings, else dockside.sqlite in the app data folder.</source>
        <translation>URL de la base de datos: sqlite:///path/to/file.sqlite o postgresql://user:password@host:port/database. Predeterminada: $DOCKSIDE_DB; si no, la URL de Configuración; si no, dockside.sqlite en la carpeta de datos de la aplicación.</translation>
    </message>
    <message>
        <location filename="../app/dockside_main.cpp" line="96"/>
        <source>Try Dockside without a Loop account: a throwaway database and a simulated Loop shop with returns, removed again on exit.</source>
        <translation>Pruebe Dockside sin una cuenta de Loop: una base de datos desechable y una tienda de Loop simulada con devoluciones, que se borran al salir.</translation>
    </message>
</context>
</TS>
