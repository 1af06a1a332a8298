//! The web console over HTTP, as a browser speaks to it (cookies kept by hand, forms posted):
//! accounts and the command line that makes them, sessions and their cookies, CSRF tokens on
//! every change, sign-in slowed after failures, a centre's coordinator kept to their centre by
//! the server itself, and the figures and exports counted from what real devices sent. The pages
//! themselves are driven in a real browser by `ui/e2e/console.e2e.ts`.

mod accounts;
mod browser;

use reqwest::blocking::multipart;
use serde_json::Value;

use crate::helpers::{Backend, Device, Server};
use crate::on_every_backend;
use browser::{Browser, PASSPHRASE, account, location, stderr};

on_every_backend!(
    sessions_cookies_and_csrf_guard_every_change,
    a_centre_coordinator_is_kept_to_their_centre_by_the_server,
    figures_and_exports_count_what_devices_sent,
);

fn sessions_cookies_and_csrf_guard_every_change(backend: Backend) {
    let server = Server::start(backend);
    let (centre, code) = server.centre("Espace Bellevue");
    let out = account(&server, PASSPHRASE, &["chloe", "--role", "network"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut device = Device::enrolled(&server, &code);
    device.ws.sync().unwrap();

    let mut browser = Browser::new(&server);
    let asked = browser.get("/console/devices");
    assert_eq!(
        (asked.status, location(&asked)),
        (303, "/console/sign-in"),
        "a page asked before signing in leads to the sign-in page"
    );

    // The sign-in form carries its own token: a post without it opens no session.
    let forged = browser.post(
        "/console/sign-in",
        &[("name", "chloe"), ("passphrase", PASSPHRASE), ("csrf", "x")],
    );
    assert_eq!(forged.status, 403);
    assert!(!browser.cookies.contains_key("aiguillage_console"));

    let signed = browser.sign_in("chloe", PASSPHRASE);
    assert_eq!(
        (signed.status, location(&signed)),
        (303, "/console/centres")
    );
    let attributes = &browser.attributes["aiguillage_console"];
    for wanted in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/console"] {
        assert!(
            attributes.contains(wanted),
            "the session cookie is {wanted}: {attributes}"
        );
    }
    let session = browser.cookies["aiguillage_console"].clone();
    assert_eq!(session.len(), 64, "256 random bits");

    // Every change without the session's token is refused and changes nothing.
    let device_id = server
        .admin(&["devices"])
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let refusals = [
        browser.post(
            "/console/centres",
            &[("name", "Centre fantôme"), ("csrf", "")],
        ),
        browser.post(
            "/console/devices/revoke",
            &[("device_id", &device_id), ("csrf", "nope")],
        ),
        browser.post(
            "/console/enrolment",
            &[("centre", &centre), ("count", "1"), ("hours", "24")],
        ),
        browser.post_files(
            "/console/publish/questionnaire",
            multipart::Form::new().part(
                "questionnaire",
                multipart::Part::bytes(b"{}".to_vec()).file_name("q.json"),
            ),
        ),
        browser.post_files(
            "/console/publish/directory",
            multipart::Form::new().text("centre", centre.clone()),
        ),
        browser.post("/console/sign-out", &[]),
    ];
    for refused in &refusals {
        assert_eq!(
            refused.status, 403,
            "refused without the token: {}",
            refused.body
        );
        assert!(refused.body.contains("Ce formulaire a expiré"));
    }
    assert!(!server.admin(&["centre", "list"]).contains("fantôme"));
    assert!(
        server.admin(&["devices"]).contains("active"),
        "the device was not revoked"
    );
    assert_eq!(
        browser.get("/console/devices").status,
        200,
        "still signed in"
    );

    // With the token but sent from another site, a change is refused too.
    let token = browser.token("/console/centres");
    let response = browser
        .client
        .post(format!("{}/console/centres", browser.url))
        .header("cookie", browser.cookie_header())
        .header("origin", "https://elsewhere.example")
        .form(&[("name", "Centre d'ailleurs"), ("csrf", token.as_str())])
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert!(!server.admin(&["centre", "list"]).contains("ailleurs"));

    // With it, from the console: done, and in the audit trail under the account's name.
    let made = browser.post(
        "/console/centres",
        &[("name", "Centre Nord"), ("csrf", &token)],
    );
    assert_eq!(made.status, 200, "{}", made.body);
    assert!(server.admin(&["centre", "list"]).contains("Centre Nord"));
    let asked = browser.post(
        "/console/devices/revoke",
        &[("device_id", &device_id), ("csrf", &token)],
    );
    assert_eq!(asked.status, 200);
    assert!(
        asked.body.contains("Oui, retirer l’accès"),
        "a revocation is confirmed first"
    );
    assert!(
        server.admin(&["devices"]).contains("active"),
        "not before it is confirmed"
    );
    let revoked = browser.post(
        "/console/devices/revoke",
        &[
            ("device_id", &device_id),
            ("csrf", &token),
            ("confirm", "yes"),
        ],
    );
    assert_eq!(revoked.status, 200);
    assert!(server.admin(&["devices"]).contains("revoked"));
    let log = browser.get("/console/audit").body;
    assert!(
        log.contains("chloe (console)"),
        "the console's changes name their account"
    );
    assert!(
        log.contains("Centre ajouté"),
        "the centre made is in the log"
    );
    assert!(log.contains("poste retiré"), "the revocation is in the log");

    // Signing out ends the session on the server, not only in the browser.
    let out = browser.post("/console/sign-out", &[("csrf", &token)]);
    assert_eq!((out.status, location(&out)), (303, "/console/sign-in"));
    assert!(!browser.cookies.contains_key("aiguillage_console"));
    browser.cookies.insert("aiguillage_console".into(), session);
    assert_eq!(
        browser.get("/console/centres").status,
        303,
        "the old cookie opens nothing"
    );
}

fn a_centre_coordinator_is_kept_to_their_centre_by_the_server(backend: Backend) {
    let server = Server::start(backend);
    let (own, own_code) = server.centre("Espace Bellevue");
    let (other, other_code) = server.centre("Maison Nord");
    for (code, n) in [(&own_code, 2), (&other_code, 3)] {
        let mut device = Device::enrolled(&server, code);
        device.diagnose(n);
        device.ws.sync().unwrap();
    }
    let out = account(
        &server,
        PASSPHRASE,
        &["bellevue", "--role", "centre", "--centre", &own],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let devices = server.admin(&["devices"]);
    let other_device = devices
        .lines()
        .find(|l| l.contains(&other))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();

    let mut browser = Browser::new(&server);
    assert_eq!(browser.sign_in("bellevue", PASSPHRASE).status, 303);
    let token = browser.token("/console/centres");
    for path in [
        format!("/console/reports?centre={other}"),
        format!("/console/reports/export.csv?centre={other}"),
        format!("/console/reports/export.json?centre={other}"),
    ] {
        let answer = browser.get(&path);
        assert_eq!(answer.status, 403, "{path} is another centre's");
        assert!(answer.body.contains("un autre centre que le vôtre"));
    }
    assert_eq!(
        browser.get("/console/audit").status,
        403,
        "the log is the network's"
    );
    let changes = [
        browser.post(
            "/console/devices/revoke",
            &[
                ("device_id", &other_device),
                ("csrf", &token),
                ("confirm", "yes"),
            ],
        ),
        browser.post(
            "/console/enrolment",
            &[
                ("centre", &other),
                ("count", "1"),
                ("hours", "24"),
                ("csrf", &token),
            ],
        ),
        browser.post(
            "/console/centres",
            &[("name", "Mon centre à moi"), ("csrf", &token)],
        ),
        browser.post_files(
            "/console/publish/directory",
            multipart::Form::new()
                .text("csrf", token.clone())
                .text("centre", other.clone())
                .part(
                    "structures",
                    multipart::Part::bytes(b"[]".to_vec()).file_name("s.json"),
                )
                .part(
                    "services",
                    multipart::Part::bytes(b"[]".to_vec()).file_name("v.json"),
                ),
        ),
        browser.post_files(
            "/console/publish/questionnaire",
            multipart::Form::new().text("csrf", token.clone()).part(
                "questionnaire",
                multipart::Part::bytes(b"{}".to_vec()).file_name("q.json"),
            ),
        ),
    ];
    for refused in &changes {
        assert_eq!(refused.status, 403, "refused: {}", refused.body);
    }
    assert!(
        server
            .admin(&["devices"])
            .lines()
            .all(|l| l.contains("active")),
        "no device was revoked"
    );
    assert!(!server.admin(&["centre", "list"]).contains("Mon centre"));

    // Lists and figures show the own centre only, whatever is asked.
    let devices_page = browser.get("/console/devices").body;
    assert!(
        !devices_page.contains("Maison Nord"),
        "no other centre's device"
    );
    let figures: Value =
        serde_json::from_str(&browser.get("/console/reports/export.json").body).unwrap();
    assert_eq!(
        figures["report"]["total"], 2,
        "their two diagnostics, not the other three"
    );
    assert_eq!(figures["centre_id"], own.as_str());

    // Their own centre is theirs to act on.
    let codes = browser.post(
        "/console/enrolment",
        &[
            ("centre", &own),
            ("count", "2"),
            ("hours", "24"),
            ("csrf", &token),
        ],
    );
    assert_eq!(codes.status, 200);
    assert_eq!(codes.body.matches("class=\"code-card\"").count(), 2);
}

fn figures_and_exports_count_what_devices_sent(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Espace Bellevue");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(3);
    device.ws.set_follow_up(&ids[0], "went").unwrap();
    device.ws.sync().unwrap();
    let out = account(&server, PASSPHRASE, &["chloe", "--role", "network"]);
    assert!(out.status.success());
    let mut browser = Browser::new(&server);
    browser.sign_in("chloe", PASSPHRASE);

    let json = browser.get("/console/reports/export.json");
    assert_eq!(json.status, 200);
    assert!(location(&json).is_empty());
    let figures: Value = serde_json::from_str(&json.body).unwrap();
    let report = &figures["report"];
    assert_eq!(report["total"], 3);
    assert_eq!(
        report["follow_up"]["went"], 1,
        "the follow-up noted after the diagnostic"
    );
    assert_eq!(report["follow_up"]["pending"], 2);
    let expected = device
        .ws
        .questionnaire
        .needs
        .iter()
        .map(|n| n.code.clone())
        .find(|c| report["needs"][c].is_number());
    assert!(expected.is_some(), "needs are counted by code: {report}");
    assert!(
        json.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("aiguillage-chiffres-reseau"),
        "downloaded as a file"
    );

    let csv = browser.get("/console/reports/export.csv");
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.body.starts_with('\u{feff}'),
        "a byte-order mark: French spreadsheets read UTF-8"
    );
    let lines: Vec<&str> = csv
        .body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(
        lines[0], "Rubrique;Code;Libellé;Nombre",
        "semicolons, French headers"
    );
    assert!(
        lines.contains(&"Suivi des orientations;went;Y est allé·e;1"),
        "{lines:?}"
    );
    assert!(lines.contains(&"Diagnostics;total;Diagnostics;3"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Centre;") && l.ends_with(";Espace Bellevue;3"))
    );

    // A period after the diagnostics counts none; a bad date is refused next to its field.
    let later = browser.get("/console/reports/export.json?from=2999-01-01");
    let figures: Value = serde_json::from_str(&later.body).unwrap();
    assert_eq!(figures["report"]["total"], 0);
    let bad = browser.get("/console/reports?from=2026-02-30");
    assert_eq!(bad.status, 422);
    assert!(
        bad.body.contains("id=\"from-error\""),
        "the refusal is next to the field"
    );
    let reversed = browser.get("/console/reports/export.csv?from=2026-12-02&to=2026-12-01");
    assert_eq!(reversed.status, 422);
    assert!(
        reversed
            .body
            .contains("La fin de la période est avant son début.")
    );

    // Bad form input: one sentence next to the field, nothing made.
    let token = browser.token("/console/enrolment");
    let centre_id = server
        .admin(&["centre", "list"])
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let bad = browser.post(
        "/console/enrolment",
        &[
            ("centre", &centre_id),
            ("count", "abc"),
            ("hours", "24"),
            ("csrf", &token),
        ],
    );
    assert_eq!(bad.status, 422);
    assert!(
        bad.body
            .contains("Indiquez un nombre de codes entre 1 et 50.")
    );
    assert!(!bad.body.contains("code-card"));
    let long = "x".repeat(151);
    let bad = browser.post("/console/centres", &[("name", &long), ("csrf", &token)]);
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("aria-invalid=\"true\""));
    assert_eq!(server.admin(&["centre", "list"]).lines().count(), 1);
}
