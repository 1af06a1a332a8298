# The web console of the Aiguillage server, in English (fr.ftl is the reference: same ids).

console-name = Aiguillage — coordinators' console
console-tagline = Your network's centres, devices and figures
skip-to-content = Skip to content
switch-language = Français
nav-label = Main menu
footer = Aiguillage · the data stays on this server.
back-home = Back to the console's home
never = never

role-network = network coordination
role-centre = centre coordination
sign-out = Sign out

nav-centres = Centres
nav-devices = Devices
nav-enrolment = Enrolment codes
nav-reports = Figures
nav-publish = Publish
nav-quarantine = Items to check
nav-erasures = Pending erasures
nav-audit = Log

error-title = Page unavailable
refused-other-centre = This page is about another centre than yours: it is not open to you.
refused-network-only = Only the network's coordination can do this.
refused-not-found = What you are looking for does not exist, or no longer.
refused-internal = The server ran into a problem. Try again in a moment; if it goes on, tell the person who runs the server.
refused-csrf = This form has expired or does not come from the console. Reload the page and start again.
refused-form = This form is incomplete. Reload the page and start again.

sign-in-title = Sign in
sign-in-intro = Sign in with the name and passphrase the person who runs the server gave you.
sign-in-name = Account name
sign-in-passphrase = Passphrase
sign-in-submit = Sign in
sign-in-help = Forgot your passphrase? The person who runs the server can create a new account for you.
sign-in-wrong = The account name or the passphrase does not match.
sign-in-missing = Give the account name and the passphrase.
sign-in-expired = The sign-in page has expired. Start again.
sign-in-wait = { $n ->
    [one] Too many failed attempts: wait 1 minute before trying again.
   *[other] Too many failed attempts: wait { $n } minutes before trying again.
}

centres-title = Centres
centres-intro = The network's centres, their enrolled devices and their last sync.
centres-none = No centre yet.
centres-count = { $n ->
    [one] 1 centre
   *[other] { $n } centres
}
centre-create-title = Add a centre
centre-name = Centre name
centre-name-hint = As the volunteers know it, for instance "Bellevue solidarity space".
centre-name-invalid = The centre name must have between 1 and 150 characters.
centre-create = Add the centre
centre-created = The centre "{ $name }" was added.
see-figures = See the figures

col-centre = Centre
col-active-devices = Active devices
col-revoked-devices = Revoked devices
col-last-sync = Last sync
col-actions = Actions
col-device = Device
col-enrolled = Enrolled on
col-state = State
col-received = Received on
col-seq = Operation no.
col-reason = Reason
col-erased = Erased on
col-record = Record
col-when = When
col-who = Who
col-what = What
col-about = About

devices-title = Devices
devices-intro = The volunteers' computers enrolled with the server.
devices-none = No device enrolled yet. Make an enrolment code to add one.
devices-count = { $n ->
    [one] 1 device
   *[other] { $n } devices
}
device-active = active
device-revoked-on = revoked on { $when }
device-revoke = Revoke access
device-revoked = The device "{ $name }" no longer has access to the server. Its records stay on the computer and can be brought by file.
devices-revoke-hint = Revoke a device that was lost, stolen or is no longer used: it will not be able to sync any more.

enrolment-title = Enrolment codes
enrolment-intro = A code enrols a volunteer's computer with the server. Each code works once.
field-centre = Centre
choose-centre = Choose a centre
enrolment-count = Number of codes
enrolment-count-hint = One code per computer to enrol (50 at most).
enrolment-hours = How long they stay valid, in hours
enrolment-hours-hint = 24 hours by default, a week (168 hours) at most.
enrolment-submit = Make the codes
enrolment-centre-missing = Choose the centre of the computers to enrol.
enrolment-count-invalid = Give a number of codes between 1 and { $n }.
enrolment-hours-invalid = Give a duration between 1 and { $n } hours.
enrolment-made = Codes for "{ $centre }"
enrolment-valid-until = Valid until { $when }, once each.
enrolment-qr-label = QR code of enrolment code { $code }

quarantine-title = Items to check
quarantine-intro = When a computer sends a record that does not match the one already received, it is set aside here until you decide. Nothing is lost.
quarantine-none = Nothing to check for now.
quarantine-count = { $n ->
    [one] 1 item set aside
   *[other] { $n } items set aside
}

erasures-title = Pending erasures
erasures-intro = Records erased at the person's request that some devices have not erased yet: they will at their next sync.
erasures-none = No pending erasure: every device is up to date.
erasures-count = { $n ->
    [one] 1 pending erasure
   *[other] { $n } pending erasures
}

audit-title = Log
audit-intro = What was done on the server, by whom and when (the last 300 actions). The log holds no data about people.
audit-none = The log is empty.
audit-count = { $n ->
    [one] 1 action
   *[other] { $n } actions
}
actor-console = { $name } (console)
actor-admin = The person who runs the server
actor-retention = Server (automatic)
action-sign-in = Signed in
action-sign-in-refused = Sign-in refused
action-sign-out = Signed out
action-account-create = Account created
action-centre-create = Centre added
action-enrolment-code-create = Enrolment code made
action-enrol = Device enrolled
action-revoke = Device access revoked
action-push = Records received from a device
action-quarantine = Item quarantined
action-erase = Record erased
action-export = Records exported
action-export-figures-csv = Figures exported (spreadsheet)
action-export-figures-json = Figures exported (JSON)
action-publish-questionnaire = Questionnaire published
action-publish-directory = Directory published
action-publish-retention = Retention periods sent
action-bundle-import = A device's file imported

reports-title = Figures
reports-from = From
reports-to = To
date-hint = Leave empty for no limit.
all-centres = Every centre
reports-show = Show the figures
reports-summary = In short
reports-anonymous = of which anonymous (counted, no record kept)
reports-per-centre = Per centre
reports-export-csv = Download for a spreadsheet (CSV)
reports-export-json = Download for software (JSON)
reports-none = No diagnostic over this period.
reports-section-empty = Nothing over this period.
reports-per-week = Per week
reports-profiles = Per profile
reports-needs = Per need
reports-flags = Points of attention
reports-follow-up = Orientation follow-up
reports-date-invalid = This date is not valid: pick it from the calendar.
reports-period-reversed = The period ends before it starts.
follow-up-pending = not recorded yet
follow-up-went = went
follow-up-did_not_go = did not go
follow-up-unknown = does not know
csv-section = Section
csv-code = Code
csv-label = Label
csv-count = Count
csv-centre = Centre

publish-title = Publish
publish-directory-title = A centre's directory
publish-directory-intro = The structures and services the volunteers refer people to, in the data·inclusion format. The centre's devices get them at their next sync.
publish-structures = Structures file (structures.json)
publish-structures-hint = A JSON file exported from data·inclusion.
publish-services = Services file (services.json)
publish-services-hint = The services file of the same export.
publish-directory-submit = Publish the directory
publish-centre-missing = Choose the centre that will receive the directory.
publish-file-missing = Choose a file.
publish-not-text = This file is not a JSON text file.
publish-directory-invalid = This file cannot be published: { $why }.
publish-directory-done = Directory published: { $published } service(s) sent to the devices, { $rejected } row(s) set aside.
publish-rejected-rows = See the rows set aside
publish-questionnaire-title = New version of the questionnaire
publish-questionnaire-intro = A new version of the questionnaire for every device of the network. It is checked before it is sent.
publish-questionnaire-file = Questionnaire file (JSON)
publish-questionnaire-hint = The file that comes with the new version.
publish-questionnaire-submit = Publish the questionnaire
publish-questionnaire-invalid = This questionnaire cannot be published: { $why }.
publish-questionnaire-done = Questionnaire { $version } published: the devices get it at their next sync.
action-retention = Retention periods applied: { $anonymised } anonymised, { $deleted } deleted
actor-device = A device
error-forbidden-title = Access not allowed
error-not-found-title = Not found
error-refused-title = Request refused
console-tagline-centre = Your centre, its devices and its figures
centres-intro-centre = Your centre, its enrolled devices and their last sync.
audit-device = Device "{ $name }" ({ $centre })
audit-questionnaire = Questionnaire, version { $version }
audit-record = Record no. { $number }…
quarantine-reason-conflict = Does not match the record already received from this device
enrolment-print-now = Write these codes down or print them now: they will not be shown again.
enrolment-where = On the volunteer's computer, in Aiguillage: Settings, then "Link this computer to the server". Type the server's address and one of the codes below.
enrolment-address = Server address:
revoke-title = Revoke a device's access
revoke-question = Revoke the access of the device "{ $name }"?
revoke-consequence = It will no longer send or receive records. Its records stay on the computer and can be brought by file. To use it again, it will need to be enrolled again with a code.
revoke-confirm = Yes, revoke access
revoke-cancel = Cancel
reports-total-lower = diagnostics
col-diagnostics = Diagnostics
col-anonymous = Of which anonymous
reports-follow-up-note = Anonymous diagnostics have no follow-up: they are only counted in the total.
col-week = Week
col-profile = Profile
col-need = Need
col-flag = Point of attention
col-follow-up = Follow-up
week = { $from } to { $to }
publish-directory-where = These files come from an export of your area's structures and services from data·inclusion, the national register of inclusion places; the person who runs the server can provide them.
actor-console-unknown = Unknown name (console)
