//! How the process's memory allocator is tuned.
//!
//! glibc's `malloc` gives threads that allocate at the same time arenas of their own, up to
//! eight per core, and keeps what is freed in each for later. A server whose connections
//! move from one runtime thread to another then holds much more than it uses: under
//! `lifeline-bench relay` (200 sessions) the relay's resident memory grew by about 132 KiB
//! per session with the default, and by 7–65 KiB with a single arena, at the same CPU.
//! Small allocations still come from each thread's own cache, so one shared arena costs
//! little contention.

/// Limits glibc's `malloc` to one arena. Call it first in `main`, so that it holds for every
/// thread the process starts.
/// Returns whether the allocator took the setting (always `false` where the C library is not
/// glibc, whose allocators manage this themselves).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn use_one_malloc_arena() -> bool {
    // SAFETY: `mallopt` only sets one of glibc's allocator parameters; `M_ARENA_MAX` takes
    // any positive count. It touches no memory of ours and is safe to call at any time.
    unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) == 1 }
}

/// Limits glibc's `malloc` to one arena: nothing to do with this C library.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn use_one_malloc_arena() -> bool {
    false
}

/// Bytes the process has allocated and not freed (glibc's `mallinfo2`: in-use chunks of every
/// arena plus memory mapped for large blocks), whatever the allocator keeps in reserve.
/// `None` where the C library is not glibc.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn heap_in_use_bytes() -> Option<u64> {
    // SAFETY: `mallinfo2` only reads the allocator's statistics and returns them by value.
    let info = unsafe { libc::mallinfo2() };
    u64::try_from(info.uordblks.saturating_add(info.hblkhd)).ok()
}

/// Bytes in use: unknown with this C library.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn heap_in_use_bytes() -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn glibc_takes_the_setting_and_counts_what_is_in_use() {
        assert!(super::use_one_malloc_arena());
        // Large enough that other tests running meanwhile cannot hide it (zeroed memory is
        // mapped, not written, so it costs nothing to hold).
        let before = super::heap_in_use_bytes().unwrap();
        let block = std::hint::black_box(vec![0u8; 128 << 20]);
        let during = super::heap_in_use_bytes().unwrap();
        assert!(during >= before + (64 << 20), "{before} -> {during}");
        drop(block);
    }
}
