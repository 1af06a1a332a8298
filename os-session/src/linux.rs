//! Linux: logind, on the system bus. The manager says `PrepareForSleep(true)` before a suspend;
//! this session says `Lock` when something asks it to lock (`loginctl lock-session`, a desktop's
//! shortcut), and its `LockedHint` turns true once the desktop's lock screen shows (GNOME, KDE,
//! Xfce's light-locker…). One thread of the watch's own reads the bus.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use dbus::arg::{PropMap, prop_cast};
use dbus::blocking::Connection;
use dbus::message::MatchRule;

use crate::Event;

type Callback = Box<dyn Fn(Event) + Send + Sync>;

const LOGIND: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";

/// Stops its thread when dropped (within the half-second the thread waits on the bus).
pub struct Watch {
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

/// Watches logind on the system bus, for the session the desktop was opened in
/// (`XDG_SESSION_ID`, which pam_systemd sets), or else the one logind says the app is in.
pub fn watch(on: Callback) -> io::Result<Watch> {
    let bus = Connection::new_system().map_err(|e| refused("reach the system bus", &e))?;
    watch_on(bus, std::env::var("XDG_SESSION_ID").ok(), on)
}

fn watch_on(bus: Connection, session_id: Option<String>, on: Callback) -> io::Result<Watch> {
    let on: Arc<dyn Fn(Event) + Send + Sync> = Arc::from(on);
    let session = match session_id {
        Some(id) if !id.is_empty() => dbus::Path::new(session_path(&id))
            .map_err(|e| io::Error::other(format!("XDG_SESSION_ID names no session: {e}")))?,
        _ => bus
            .with_proxy(LOGIND, MANAGER_PATH, Duration::from_secs(5))
            .method_call(MANAGER, "GetSessionByPID", (std::process::id(),))
            .map(|(path,): (dbus::Path<'static>,)| path)
            .map_err(|e| refused("tell the app's session", &e))?,
    };
    let told = Arc::clone(&on);
    bus.add_match(
        MatchRule::new_signal(MANAGER, "PrepareForSleep").with_path(MANAGER_PATH),
        move |(starting,): (bool,), _, _| {
            if starting {
                told(Event::Sleeping);
            }
            true
        },
    )
    .map_err(|e| refused("tell of sleep", &e))?;
    let told = Arc::clone(&on);
    bus.add_match(
        MatchRule::new_signal(SESSION, "Lock").with_path(session.clone()),
        move |(): (), _, _| {
            told(Event::Locked);
            true
        },
    )
    .map_err(|e| refused("tell of the session's lock", &e))?;
    bus.add_match(
        MatchRule::new_signal("org.freedesktop.DBus.Properties", "PropertiesChanged")
            .with_path(session),
        move |(interface, changed): (String, PropMap), _, _| {
            if interface == SESSION && prop_cast::<bool>(&changed, "LockedHint") == Some(&true) {
                on(Event::Locked);
            }
            true
        },
    )
    .map_err(|e| refused("tell of the session's lock screen", &e))?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    std::thread::Builder::new()
        .name("os-session".into())
        .spawn(move || {
            // A bus gone (logind restarted) ends the watch; the idle delay still locks.
            while !stopped.load(Ordering::Acquire) {
                if bus.process(Duration::from_millis(500)).is_err() {
                    return;
                }
            }
        })?;
    Ok(Watch { stop })
}

/// logind's object path for the session `id`: `/org/freedesktop/login1/session/` and the id
/// with every byte but ASCII letters (and digits past the first) written `_` and two hex digits
/// (systemd's `sd_bus_path_encode`).
fn session_path(id: &str) -> String {
    let mut path = String::from("/org/freedesktop/login1/session/");
    for (i, byte) in id.bytes().enumerate() {
        if byte.is_ascii_alphabetic() || (i > 0 && byte.is_ascii_digit()) {
            path.push(char::from(byte));
        } else {
            path.push_str(&format!("_{byte:02x}"));
        }
    }
    path
}

/// What the bus refused, with its own words for why.
fn refused(what: &str, e: &dbus::Error) -> io::Error {
    io::Error::other(format!(
        "logind did not {what}: {}",
        e.message().unwrap_or("no reason given")
    ))
}

#[cfg(test)]
mod tests {
    //! A private bus (`dbus-daemon`) with a stand-in for logind on it: the names, paths and
    //! signals of logind's documented interface, sent the way logind sends them.

    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;

    use dbus::Message;
    use dbus::arg::{PropMap, RefArg, Variant};
    use dbus::blocking::Connection;
    use dbus::channel::{MatchingReceiver, Sender};
    use dbus::message::MatchRule;

    use super::*;

    const OURS: &str = "/org/freedesktop/login1/session/_32";
    const ANOTHER: &str = "/org/freedesktop/login1/session/_37";

    /// A bus of the test's own, stopped when dropped.
    struct Bus(Child, String);

    impl Bus {
        fn start() -> Bus {
            let mut daemon = Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("dbus-daemon (Debian's dbus-daemon package) starts a private bus");
            let mut address = String::new();
            BufReader::new(daemon.stdout.take().unwrap())
                .read_line(&mut address)
                .unwrap();
            Bus(daemon, address.trim().to_owned())
        }
    }

    impl Drop for Bus {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    /// Owns logind's name on `bus` and answers `GetSessionByPID` with [`OURS`], from a thread.
    fn logind(bus: &Bus) -> Connection {
        let answering = Connection::new_address(&bus.1).unwrap();
        answering.request_name(LOGIND, false, true, true).unwrap();
        answering.start_receive(
            MatchRule::new_method_call(),
            Box::new(|call: Message, bus: &Connection| {
                if call.member().as_deref() == Some("GetSessionByPID") {
                    let path = dbus::Path::from(OURS);
                    let _ = bus.send(call.method_return().append1(path));
                }
                true
            }),
        );
        std::thread::spawn(
            move || {
                while answering.process(Duration::from_secs(1)).is_ok() {}
            },
        );
        Connection::new_address(&bus.1).unwrap()
    }

    fn signal(path: &str, interface: &str, member: &str) -> Message {
        Message::new_signal(path, interface, member).unwrap()
    }

    fn locked_hint(path: &str, locked: bool) -> Message {
        let mut changed = PropMap::new();
        changed.insert(
            "LockedHint".into(),
            Variant(Box::new(locked) as Box<dyn RefArg>),
        );
        signal(path, "org.freedesktop.DBus.Properties", "PropertiesChanged").append3(
            SESSION,
            changed,
            Vec::<String>::new(),
        )
    }

    #[test]
    fn a_suspend_and_this_sessions_lock_are_told_and_nothing_else() {
        let bus = Bus::start();
        let sender = logind(&bus);
        let (tell, heard) = mpsc::channel();
        let _watch = watch_on(
            Connection::new_address(&bus.1).unwrap(),
            None,
            Box::new(move |event| {
                let _ = tell.send(event);
            }),
        )
        .expect("the watch finds its session through logind");
        let sent = [
            signal(MANAGER_PATH, MANAGER, "PrepareForSleep").append1(false), // waking: nothing
            signal(MANAGER_PATH, MANAGER, "PrepareForSleep").append1(true),  // Sleeping
            signal(ANOTHER, SESSION, "Lock"),                                // another session's
            signal(OURS, SESSION, "Lock"),                                   // Locked
            locked_hint(OURS, false),                                        // unlocked: nothing
            locked_hint(ANOTHER, true),                                      // another's
            locked_hint(OURS, true),                                         // Locked
        ];
        for message in sent {
            sender.send(message).unwrap();
        }
        // One sender's signals arrive in order: the last one told closes what was told.
        let told: Vec<Event> = (0..3)
            .map(|_| {
                heard
                    .recv_timeout(Duration::from_secs(10))
                    .expect("told in time")
            })
            .collect();
        assert_eq!(
            told,
            [Event::Sleeping, Event::Locked, Event::Locked],
            "a suspend and this session's lock, each as logind says it"
        );
        assert!(heard.try_recv().is_err(), "and nothing more");
    }

    #[test]
    fn a_sessions_path_is_written_as_logind_writes_it() {
        assert_eq!(session_path("2"), "/org/freedesktop/login1/session/_32");
        assert_eq!(session_path("c12"), "/org/freedesktop/login1/session/c12");
        assert_eq!(session_path("12"), "/org/freedesktop/login1/session/_312");
        assert_eq!(session_path("a-b"), "/org/freedesktop/login1/session/a_2db");
    }

    #[test]
    fn the_desktops_session_is_watched_without_asking_logind() {
        // No stand-in for logind on this bus: the path comes from XDG_SESSION_ID alone.
        let bus = Bus::start();
        let sender = Connection::new_address(&bus.1).unwrap();
        let (tell, heard) = mpsc::channel();
        let _watch = watch_on(
            Connection::new_address(&bus.1).unwrap(),
            Some("2".into()),
            Box::new(move |event| {
                let _ = tell.send(event);
            }),
        )
        .expect("watched from the session's id");
        sender.send(signal(OURS, SESSION, "Lock")).unwrap();
        assert_eq!(
            heard.recv_timeout(Duration::from_secs(10)),
            Ok(Event::Locked),
            "session 2 is logind's {OURS}"
        );
    }

    #[test]
    fn without_logind_the_watch_says_so() {
        let bus = Bus::start();
        let refused = watch_on(
            Connection::new_address(&bus.1).unwrap(),
            None,
            Box::new(|_| {}),
        )
        .err()
        .expect("no session to watch");
        assert!(
            refused.to_string().starts_with("logind did not"),
            "{refused}"
        );
    }
}
