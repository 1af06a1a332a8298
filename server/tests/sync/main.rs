//! The sync protocol against a real server on a loopback port (served in the test process, or
//! the binary's process where signals, kills and options are the point), with real device
//! databases (`aiguillage-core`) and raw HTTP for what a device would never send; and the web
//! console over HTTP as a browser speaks to it.

mod backup;
mod console;
mod erasure;
mod faults;
mod helpers;
mod hostile;
mod lifecycle;
mod metrics;
mod processes;
mod property;
mod protocol;
mod publishing;
mod tls;
mod validation;
