//! Helpers shared by the console's integration tests.

// Test helpers: a failed unwrap is a failed test.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

pub mod customer;
pub mod fake_phone;
pub mod h264_phone;
pub mod paced_phone;
pub mod phone_frames;
pub mod relay_rig;
pub mod ui;

/// Runs `future` to its end on a thread named `name` with a runtime of its own: a phone
/// beside a test that drives a blocking client.
pub fn on_own_runtime<F>(name: &str, future: F) -> std::thread::JoinHandle<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap()
                .block_on(future)
        })
        .unwrap()
}
