# The handoff sheet's fixed texts, in Spanish (neutral, formal "usted").

language-name = Español

## The sheet

sheet-title = Hoja de orientación
intro = Estos son los lugares que pueden ayudarle. Guarde esta hoja y muéstrela cuando vaya.
label-date = Fecha
label-for = Para
no-orientation = Todavía no se ha elegido ningún lugar.
label-why = Por qué ir
free = Es gratis.
label-next = Qué hacer después
next-call = Llame antes de ir.
next-visit = Vaya con esta hoja.
next-email = Envíeles un correo electrónico.
next-link = Pida cita por internet, con el enlace o el código QR.
next-referral = Un profesional tiene que ponerse en contacto con ellos por usted: pídaselo a la persona que le acompaña.
section-contact = Cómo contactar
label-phone = Teléfono
label-email = Correo electrónico
label-appointment = Cita por internet
label-website = Página web
qr-caption-appointment = Para pedir cita por internet, apunte a este código con la cámara de un teléfono.
qr-caption-website = Para ver la página del lugar en internet, apunte a este código con la cámara de un teléfono.
section-go = Cómo llegar
label-address = Dirección
label-hours = Horario
label-access = Información útil y qué llevar
label-centre = Hoja entregada por
label-centre-phone = Teléfono del centro de acogida
closing = Puede volver a vernos si necesita ayuda.
page-number = Página { $page } de { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = Dónde pedir ayuda
easy-intro = Guarde esta hoja.
easy-why = Para qué
easy-address = Dónde
easy-phone = Teléfono
easy-hours = Cuándo
easy-bring = Información útil
easy-next = Qué hacer
easy-free = Es gratis.
easy-closing = ¿Necesita ayuda? Vuelva a vernos.

## Opening hours in words

day-1 = lunes
day-2 = martes
day-3 = miércoles
day-4 = jueves
day-5 = viernes
day-6 = sábado
day-7 = domingo
# e.g. "de lunes a viernes"
days-range = de { $first } a { $last }
# e.g. "lunes y jueves"; longer lists are "lunes, martes y jueves".
list-and = { $first } y { $last }
every-day = todos los días
holidays = días festivos
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = de { $from } a { $to }
# e.g. "de lunes a viernes, de 9:00 a 12:00"
rule-open = { $days }, { $times }
rule-closed = { $days }: cerrado
always-open = abierto todos los días, de día y de noche

## Each need in short words, for the easy-read sheet (codes of the questionnaire "diagnostic-numerique").
## Other languages also carry need-<code>: the full sentence, which French and English take from the
## questionnaire itself.

easy-need-demarche_accompagnee = Para hacer su trámite con ayuda.
easy-need-equipement = Para tener un teléfono o una computadora a buen precio.
easy-need-connexion = Para tener internet.
easy-need-francais = Para aprender francés.
easy-need-accompagnement_individuel = Para aprender a usar el teléfono o la computadora, con una persona.
easy-need-atelier_fondamentaux = Para aprender a usar el teléfono o la computadora, en grupo.
easy-need-demarches_en_ligne = Para aprender a hacer trámites por internet.
easy-need-emploi = Para buscar trabajo.
easy-need-securite = Para evitar estafas en internet.
easy-need-autonomie = Para seguir aprendiendo por su cuenta.

need-demarche_accompagnee = Para hacer su trámite ahora mismo, con una persona que le ayude o que lo haga por usted.
need-equipement = Para tener un teléfono o una computadora a bajo precio. Y, mientras tanto, un lugar donde usar una computadora gratis.
need-connexion = Para tener internet más fácilmente, en casa o en su teléfono.
need-francais = Para mejorar su francés, hablado y escrito, a su ritmo.
need-accompagnement_individuel = Para aprender a usar su teléfono o su computadora paso a paso, con una persona solo para usted.
need-atelier_fondamentaux = Para aprender a manejar su teléfono o su computadora, en talleres con otras personas.
need-demarches_en_ligne = Para aprender a hacer sus trámites por internet: CAF (ayudas sociales), ameli (seguro médico), impuestos… Y para conocer sus derechos.
need-emploi = Para ayudarle a buscar trabajo: ofertas, CV y solicitudes por internet.
need-securite = Para usar internet con seguridad: reconocer las estafas y proteger sus contraseñas.
need-autonomie = Para seguir mejorando a su ritmo, puede practicar gratis en Pix (pix.fr) o en Les Bons Clics (lesbonsclics.fr).
