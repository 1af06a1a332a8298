//! Windows: a hidden top-level window (never shown) on a thread of its own, whose window
//! procedure turns the session's lock and the computer's suspend into [`Event`]s.

#![allow(unsafe_code)]

use std::io;
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;

use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::System::RemoteDesktop::{
    NOTIFY_FOR_THIS_SESSION, WTSRegisterSessionNotification, WTSUnRegisterSessionNotification,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DestroyWindow, DispatchMessageW, GWLP_USERDATA, GetMessageW,
    GetWindowLongPtrW, MSG, PBT_APMSUSPEND, PostMessageW, PostQuitMessage, RegisterClassW,
    SetWindowLongPtrW, TranslateMessage, UnregisterClassW, WM_CLOSE, WM_DESTROY, WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE, WNDCLASSW, WS_OVERLAPPED, WTS_SESSION_LOCK,
};

use crate::Event;

type Callback = Box<dyn Fn(Event) + Send + Sync>;

/// The watch's window (a handle, kept as a number: it is only ever posted to) and its thread.
pub struct Watch {
    window: usize,
    thread: Option<JoinHandle<()>>,
}

/// Makes the window on a new thread and pumps its messages there until the watch is dropped.
pub fn watch(on: Callback) -> io::Result<Watch> {
    let (made, window) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("os-session".into())
        .spawn(move || {
            // A class of its own for each watch, given back when its window goes: two watches
            // never share one, and none outlives its thread (Wine was seen to drop a class when
            // the thread that made it ended).
            static MADE: AtomicU32 = AtomicU32::new(0);
            let n = MADE.fetch_add(1, Ordering::Relaxed);
            let class: Vec<u16> = format!("AiguillageSession{n}")
                .encode_utf16()
                .chain([0])
                .collect();
            match open_window(&class, on) {
                Ok(window) => {
                    let _ = made.send(Ok(window as usize));
                    pump();
                }
                Err(e) => {
                    let _ = made.send(Err(e));
                }
            }
            // SAFETY: the class name is NUL-terminated; its window is gone (or never was).
            unsafe { UnregisterClassW(class.as_ptr(), GetModuleHandleW(null())) };
        })?;
    let window = window
        .recv()
        .map_err(|_| io::Error::other("the session watch stopped before its window was made"))??;
    Ok(Watch {
        window,
        thread: Some(thread),
    })
}

impl Watch {
    /// The window, for the tests to post to as Windows does.
    #[cfg(test)]
    fn window(&self) -> HWND {
        self.window as HWND
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        // SAFETY: posting to a window handle is safe whatever the handle; this one lives until
        // its thread destroys it on WM_CLOSE, below.
        let posted = unsafe { PostMessageW(self.window as HWND, WM_CLOSE, 0, 0) };
        if posted != 0
            && let Some(thread) = self.thread.take()
        {
            let _ = thread.join();
        }
    }
}

/// Registers `class` (UTF-16, NUL-terminated) and makes its window.
fn open_window(class: &[u16], on: Callback) -> io::Result<HWND> {
    // SAFETY: every pointer passed is either null where the API allows it or points to data
    // that outlives the call (Windows copies the class name; the callback is boxed and owned by the
    // window until WM_DESTROY takes it back).
    unsafe {
        let instance = GetModuleHandleW(null());
        let description = WNDCLASSW {
            lpfnWndProc: Some(window_proc),
            hInstance: instance,
            lpszClassName: class.as_ptr(),
            ..WNDCLASSW::default()
        };
        if RegisterClassW(&description) == 0 {
            return Err(refused("register the watch's window class"));
        }
        // A top-level window, never shown: message-only windows are not told of suspends.
        let window = CreateWindowExW(
            0,
            class.as_ptr(),
            class.as_ptr(),
            WS_OVERLAPPED,
            0,
            0,
            0,
            0,
            null_mut(),
            null_mut(),
            instance,
            null(),
        );
        if window.is_null() {
            return Err(refused("make the watch's hidden window"));
        }
        SetWindowLongPtrW(window, GWLP_USERDATA, Box::into_raw(Box::new(on)) as isize);
        if WTSRegisterSessionNotification(window, NOTIFY_FOR_THIS_SESSION) == 0 {
            let e = refused("tell the watch of the session's changes");
            DestroyWindow(window);
            return Err(e);
        }
        Ok(window)
    }
}

/// What Windows refused to do, with its own words for why.
fn refused(what: &str) -> io::Error {
    io::Error::other(format!(
        "Windows did not {what}: {}",
        io::Error::last_os_error()
    ))
}

/// The thread's message loop; it ends when the window is destroyed.
fn pump() {
    // SAFETY: `message` is a plain struct the API fills; it is only read back by the API.
    unsafe {
        let mut message = MSG::default();
        while GetMessageW(&mut message, null_mut(), 0, 0) > 0 {
            TranslateMessage(&message);
            DispatchMessageW(&message);
        }
    }
}

unsafe extern "system" fn window_proc(
    window: HWND,
    message: u32,
    wparam: WPARAM,
    lparam: LPARAM,
) -> LRESULT {
    let event = match message {
        WM_WTSSESSION_CHANGE if wparam == WTS_SESSION_LOCK as WPARAM => Some(Event::Locked),
        WM_POWERBROADCAST if wparam == PBT_APMSUSPEND as WPARAM => Some(Event::Sleeping),
        WM_DESTROY => {
            // SAFETY: the pointer is the box `open_window` stored (or null once taken back);
            // it is taken back once, here, as the window goes.
            unsafe {
                WTSUnRegisterSessionNotification(window);
                let on = SetWindowLongPtrW(window, GWLP_USERDATA, 0) as *mut Callback;
                if !on.is_null() {
                    drop(Box::from_raw(on));
                }
                PostQuitMessage(0);
            }
            return 0;
        }
        _ => None,
    };
    if let Some(event) = event {
        // SAFETY: the pointer is the box `open_window` stored, alive until WM_DESTROY, which
        // this same thread handles; null before it is stored.
        let on = unsafe { (GetWindowLongPtrW(window, GWLP_USERDATA) as *const Callback).as_ref() };
        if let Some(on) = on {
            // A panic must not cross into Windows' code (it would abort the app).
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on(event)));
        }
    }
    // SAFETY: the arguments are the ones Windows passed.
    unsafe { DefWindowProcW(window, message, wparam, lparam) }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use windows_sys::Win32::UI::WindowsAndMessaging::{
        PBT_APMRESUMEAUTOMATIC, PostMessageW, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE,
        WTS_SESSION_LOCK, WTS_SESSION_UNLOCK,
    };

    use crate::Event;

    /// Posts to the watch's window what Windows sends it, and says what the watch told.
    fn told(events: &[(u32, u32)]) -> Vec<Event> {
        let (tell, heard) = mpsc::channel();
        let watch = super::watch(Box::new(move |event| {
            let _ = tell.send(event);
        }))
        .expect("the hidden window and the session's notifications are granted");
        for &(message, wparam) in events {
            // SAFETY: posting to the watch's live window.
            let posted = unsafe { PostMessageW(watch.window(), message, wparam as usize, 0) };
            assert_ne!(posted, 0, "the watch's window takes messages");
        }
        // Dropping the watch closes its window after what was posted, and waits for its thread.
        drop(watch);
        heard.try_iter().collect()
    }

    #[test]
    fn a_locked_session_and_a_suspend_are_told() {
        let heard = told(&[
            (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK),
            (WM_POWERBROADCAST, super::PBT_APMSUSPEND),
        ]);
        assert_eq!(
            heard,
            [Event::Locked, Event::Sleeping],
            "each is told once, in order"
        );
    }

    #[test]
    fn an_unlock_and_a_resume_are_not() {
        let heard = told(&[
            (WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK),
            (WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC),
        ]);
        assert!(heard.is_empty(), "nothing to lock for: {heard:?}");
    }

    #[test]
    fn two_watches_live_side_by_side() {
        // The app holds one; a second (a test, a restart of the watch) must not be refused for
        // the first's window class, nor stop when the first goes.
        let first = super::watch(Box::new(|_| {})).expect("a first watch");
        let (tell, heard) = mpsc::channel();
        let second = super::watch(Box::new(move |event| {
            let _ = tell.send(event);
        }))
        .expect("a second watch beside it");
        drop(first);
        // SAFETY: posting to the second watch's live window.
        unsafe {
            PostMessageW(
                second.window(),
                WM_WTSSESSION_CHANGE,
                WTS_SESSION_LOCK as usize,
                0,
            )
        };
        drop(second);
        assert_eq!(
            heard.try_iter().collect::<Vec<_>>(),
            [Event::Locked],
            "the second watch still tells once the first is gone"
        );
    }
}
