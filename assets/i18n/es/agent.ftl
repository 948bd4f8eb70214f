# Lado del cliente: diálogos de consentimiento, avisos, notificación de pantalla compartida,
# agente de terminal y ventana de escritorio.
#
# Glosario (mismos términos en todos los archivos):
#   technician         = técnico; $who es su nombre o «El técnico»
#   session code       = código de sesión
#   screen sharing     = compartir pantalla
#   remote control     = control remoto
#   device information = información del dispositivo (informe de Diagnóstico)
#   log files          = archivos de registro
#   Lifeline           = nombre del producto, nunca se traduce
# Registro: usted.

## Diálogos de consentimiento

consent-title-screen = ¿Compartir su pantalla?
consent-title-control = ¿Permitir el control remoto?
consent-title-diagnostics = ¿Compartir la información del dispositivo?
consent-title-logs = ¿Compartir los archivos de registro?
consent-body-screen = { $who } verá todo lo que aparezca en su pantalla, incluidas las notificaciones, hasta que deje de compartirla.
consent-body-control = { $who } podrá tocar, deslizar y escribir en su teléfono. Puede detenerlo en cualquier momento.
consent-body-diagnostics = { $who } verá el modelo, la batería, el almacenamiento, la red y las aplicaciones instaladas de su teléfono.
consent-body-logs = { $who } recibirá los registros del sistema de su teléfono. Pueden contener nombres de aplicaciones y de cuentas.
consent-deny = Denegar
consent-allow = Permitir

## Lo que se le dice al cliente durante la sesión

agent-someone = El técnico
agent-granted-screen = { $who } ya puede ver su pantalla.
agent-granted-control = { $who } ya puede controlar su teléfono.
agent-granted-diagnostics = { $who } ya puede consultar la información de su dispositivo.
agent-granted-logs = { $who } ya puede recibir sus archivos de registro.
agent-declined-screen = { $who } no tiene permiso para ver su pantalla.
agent-declined-control = { $who } no tiene permiso para controlar su teléfono.
agent-declined-diagnostics = { $who } no tiene permiso para consultar la información de su dispositivo.
agent-declined-logs = { $who } no tiene permiso para recibir sus archivos de registro.
agent-withdrawn-screen = { $who } ya no puede ver su pantalla.
agent-withdrawn-control = { $who } ya no puede controlar su teléfono.
agent-withdrawn-diagnostics = { $who } ya no puede consultar la información de su dispositivo.
agent-withdrawn-logs = { $who } ya no puede recibir sus archivos de registro.
agent-diagnostics-read = { $who } consultó la información de su dispositivo.
agent-sending-logs = Enviando sus archivos de registro a { $who }.
agent-sharing-paused = Pantalla compartida en pausa.
agent-sharing-resumed = Se reanudó la pantalla compartida.
agent-message-not-sent = Mensaje no enviado: { $reason }.
agent-chat-empty = el mensaje está vacío
agent-chat-too-long = el mensaje tiene { $chars } caracteres; el límite es de { $max }
agent-joined = { $who } se unió a la sesión.
agent-recorded = Esta sesión se graba.
agent-chat-only = Este teléfono no puede compartir su pantalla: es una sesión de chat.
agent-file-sending = Enviando { $name } ({ $size })…
agent-file-sent = { $name } enviado ({ $size }).
agent-file-failed = No se pudo enviar { $name }: { $reason }
agent-ended = Sesión finalizada: { $reason }.
agent-connection-lost = se perdió la conexión
agent-size-kb = { $size } kB
agent-size-mb = { $size } MB

## Notificación de pantalla compartida y chip de la barra de estado

shade-app-now = Lifeline · ahora
shade-sharing-title = Está compartiendo su pantalla
shade-sharing-body = { $who } puede ver su pantalla
shade-chip = Compartiendo
shade-stop-sharing = Dejar de compartir

## Agente de terminal

term-help =
    Escriba un mensaje y pulse Intro para enviarlo a su técnico.
    Comandos: /pause y /resume para compartir pantalla, /stop-sharing, /stop-control, exit para salir.
term-connected = Conectado con { $technician } (sesión { $session }).
term-delivered = (entregado)
term-sent-file = { $name } enviado.
term-question = { $title } [s/N]
term-answer-yes-no = Responda s (sí) o n (no). { $title } [s/N]
term-answered-on-phone = (respondido en el teléfono)
term-request-withdrawn = (se retiró la solicitud)
term-sharing-on = Está compartiendo su pantalla. (/pause, /stop-sharing)
term-sharing-off = No está compartiendo su pantalla.
term-control-hint = Escriba /stop-control para recuperar el control en cualquier momento.
term-leaving = Saliendo de la sesión…
term-unknown-command = Comando desconocido { $command }; escriba /help.
term-opening = Abriendo { $url }…
term-joining = Uniéndose a la sesión { $code } en { $relay } como { $name } ({ $device }).
term-waiting = Esperando a que su técnico abra la sesión…
term-cancelled = Cancelado.

## Ventana de escritorio (pantalla de conexión, chat, barra de estado)

window-title = Lifeline — sesión de soporte
window-title-named = Lifeline — sesión de soporte con { $who }
window-connecting = Conectando…
window-waiting-title = Esperando a su técnico
window-waiting-body = Está conectado. Su técnico abrirá la sesión en breve.
window-waiting-note = No se comparte nada de su teléfono hasta que usted lo permita en la pantalla del teléfono.
window-join-failed = No se pudo unir a la sesión
window-join-failed-hint = Compruebe el enlace que le envió su técnico y vuelva a intentarlo.
window-status-waiting = Esperando a { $who }…
window-status-failed = No se pudo unir a la sesión: { $reason }
window-status-chat-only = Solo chat
window-status-sharing = Compartiendo su pantalla
window-status-paused = Pantalla compartida en pausa
window-status-not-shared = Pantalla no compartida
window-status-control = control permitido
window-status-no-control = sin control
window-your-technician = su técnico
window-chat-empty = Aquí aparecerán los mensajes de su técnico.
window-chat-hint = Mensaje para { $who }…
window-chat-you = Usted
window-send = Enviar
window-pause = Pausar
window-resume = Reanudar
window-stop-control = Detener el control
window-stop-control-tip = El técnico ya no puede tocar ni escribir en su teléfono
window-exit = Salir de la sesión
window-real-phone-note = Su teléfono está conectado a este equipo por USB: úselo como siempre. Su técnico solo ve su pantalla y lo controla si usted lo permite aquí.
window-close = Cerrar ventana

## Conexión: pantalla de conexión de la ventana y línea de error del agente de terminal

window-opening = Abriendo { $url }…
window-joining = Uniéndose a la sesión { $code } en { $relay } como { $name }…
window-joining-stopped = se interrumpió la conexión

# Por qué falló la conexión. Cada mensaje es una oración subordinada: aparece tras
# «No se pudo unir a la sesión:», bajo el título de la ventana o como última línea del
# agente de terminal.
agent-reject-unknown-code = este código de sesión no existe; compruebe los dígitos
agent-reject-expired = este código de sesión ha caducado; pida uno nuevo
agent-reject-already-used = este código de sesión ya se utilizó; pida uno nuevo
agent-reject-rate-limited = demasiados intentos; vuelva a intentarlo dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }
agent-reject-unsupported-version = esta aplicación usa una versión del protocolo distinta de la del servidor (versión { $supported }); actualícela
agent-reject-unauthorized = no ha iniciado sesión, o este código pertenece a otra persona
agent-join-fingerprint-conflict = --fingerprint { $given } no coincide con la huella del enlace { $link }; use el enlace tal como se lo envió su técnico
agent-join-insecure-page = un enlace de conexión http:// sin cifrar solo se acepta para este equipo, no para { $host }; use el enlace https://
agent-join-page-unreachable = no se puede acceder a la página de conexión { $url }: { $detail }
agent-join-page-timed-out = no se puede acceder a la página de conexión { $url }: no respondió a tiempo
agent-join-page-untrusted = este sistema no reconoce el certificado de la página de conexión (puede que el servidor use su propio certificado); indique --fingerprint seguido de la huella que le dé su técnico, o abra el enlace lifeline:// en su lugar
agent-join-page-certificate-mismatch = el certificado del servidor no es el esperado: huella { $got } en lugar de { $expected }; compruebe la huella o pida un nuevo enlace
agent-join-cancelled = este código de sesión se canceló; pida uno nuevo
agent-join-page-status = la página de conexión { $url } respondió { $status }
agent-join-no-deep-link = { $url } no es una página de conexión de Lifeline (no contiene ningún enlace lifeline://)
agent-join-bad-deep-link = el enlace de la página de conexión no se puede usar; pida un nuevo enlace a su técnico
agent-join-link-scheme = los enlaces empiezan por https:// o lifeline://, no por { $found }://
agent-join-link-code = el código de sesión del enlace no es válido; use el enlace tal como se lo envió su técnico
agent-join-link-invalid = no es un enlace de Lifeline válido; use el enlace tal como se lo envió su técnico
agent-join-no-fingerprint = no hay ninguna huella de certificado (fp=…) con la que comprobar el servidor; use el enlace de sesión completo
agent-join-setup = no se pudo preparar la conexión: { $detail }
agent-join-socket = no se pudo abrir un socket UDP: { $detail }
agent-join-relay-unreachable = no se puede acceder al servidor { $relay }: { $detail }
agent-join-timed-out = el servidor { $relay } no respondió en { $seconds } s
agent-join-relay-certificate-mismatch = el certificado del servidor no es el esperado: huella { $got } en lugar de { $expected }; compruebe la configuración del servidor o pida un nuevo enlace
agent-join-relay-untrusted = el certificado del servidor no es de confianza: { $detail }
agent-join-wrong-protocol = el servidor { $relay } no usa el protocolo de Lifeline (lifeline/1)
agent-join-busy = el servidor está ocupado; vuelva a intentarlo en un minuto
agent-join-shutting-down = el servidor se está apagando; vuelva a intentarlo en breve
agent-join-handshake-refused = el servidor rechazó la conexión; vuelva a intentarlo en breve
agent-join-bad-hello = no se pudo enviar la solicitud para unirse; pruebe con un nombre más corto
agent-join-malformed = no se pudo leer la respuesta del servidor; vuelva a intentarlo o pida un nuevo enlace
agent-join-connection-lost = se perdió la conexión con el servidor; vuelva a intentarlo
agent-join-no-display = no se puede abrir la ventana: no hay pantalla (DISPLAY y WAYLAND_DISPLAY no están definidas); ejecute el comando sin --window para usar la terminal

## Por qué terminó la sesión: una oración, insertada en agent-ended

agent-end-reason-customer-left = usted salió de la sesión
agent-end-reason-technician-closed = el técnico finalizó la sesión
agent-end-reason-timeout = el técnico dejó de responder
agent-end-reason-relay-shutdown = el servidor se apagó
agent-end-reason-error = se produjo un error ({ $detail })

## La aplicación Lifeline del teléfono simulado

sim-lifeline-title = Soporte de Lifeline
sim-lifeline-waiting = Esperando a un técnico
sim-lifeline-chatting = Chat con { $who }
sim-text-message = Mensaje de texto
