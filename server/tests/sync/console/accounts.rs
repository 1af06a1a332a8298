//! Accounts: made by the command line (its refusals), and signing in slowed after failures.

use super::browser::{Browser, PASSPHRASE, account, stderr};
use crate::helpers::{Backend, Server};

#[test]
fn sign_in_is_slowed_after_failures_and_names_neither_the_name_nor_the_passphrase() {
    let server = Server::start(Backend::Sqlite);
    account(&server, PASSPHRASE, &["chloe", "--role", "network"]);
    let mut browser = Browser::new(&server);
    let unknown = browser.sign_in("quelqu-un-d-autre", PASSPHRASE);
    let wrong = browser.sign_in("chloe", "pas la bonne phrase");
    assert_eq!((unknown.status, wrong.status), (401, 401));
    let sentence = "Le nom du compte ou la phrase de passe ne correspond pas.";
    assert!(
        unknown.body.contains(sentence) && wrong.body.contains(sentence),
        "the same sentence for both"
    );
    assert_eq!(browser.sign_in("chloe", "encore une erreur").status, 401);
    // The third failure in a row: the next attempt waits, even with the right passphrase.
    let third = browser.sign_in("chloe", "toujours pas ça");
    assert!(third.body.contains("attendez"), "{}", third.body);
    let blocked = browser.sign_in("chloe", PASSPHRASE);
    assert_eq!(blocked.status, 401, "refused unread while waiting");
    assert!(!browser.cookies.contains_key("aiguillage_console"));
    std::thread::sleep(std::time::Duration::from_secs(11));
    assert_eq!(
        browser.sign_in("chloe", PASSPHRASE).status,
        303,
        "after the wait, it opens"
    );
    let log = browser.get("/console/audit").body;
    assert!(
        log.contains("Nom inconnu (console)") && !log.contains("quelqu-un-d-autre"),
        "a name that is no account stays out of the trail (it may be a passphrase)"
    );
}

#[test]
fn account_create_refuses_bad_input_in_one_sentence() {
    let server = Server::start(Backend::Sqlite);
    let (centre, _) = server.centre("Espace Bellevue");
    let cases: [(&str, Vec<&str>, &str); 5] = [
        (
            "court",
            vec!["a", "--role", "network"],
            "the passphrase must have between 12 and 256 characters",
        ),
        (
            PASSPHRASE,
            vec!["a b", "--role", "network"],
            "the account name must have",
        ),
        (
            PASSPHRASE,
            vec!["a", "--role", "centre", "--centre", "nowhere"],
            "centre nowhere was not found",
        ),
        (
            PASSPHRASE,
            vec!["a", "--role", "network", "--centre", &centre],
            "--centre is for a centre coordinator",
        ),
        (PASSPHRASE, vec!["a", "--role", "centre"], "--centre"),
    ];
    for (passphrase, args, sentence) in cases {
        let out = account(&server, passphrase, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: bad input");
        assert!(
            stderr(&out).contains(sentence),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stderr(&out).lines().count(), 1, "one sentence");
    }
    assert!(
        account(
            &server,
            PASSPHRASE,
            &["a", "--role", "centre", "--centre", &centre]
        )
        .status
        .success()
    );
    let again = account(&server, PASSPHRASE, &["a", "--role", "network"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("an account named \"a\" already exists"));
    let list = server.admin(&["account", "list"]);
    assert_eq!(list.trim(), format!("a  centre  {centre}"));
    let stored: Vec<u8> = std::fs::read(server.db.strip_prefix("sqlite://").unwrap()).unwrap();
    assert!(
        !stored
            .windows(PASSPHRASE.len())
            .any(|w| w == PASSPHRASE.as_bytes()),
        "the passphrase is stored only as its Argon2id hash"
    );
}
