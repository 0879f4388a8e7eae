//! The ABI's plumbing: the panic guard every exported body runs in, how errors and buffers
//! cross to C, and how C's pointers and lengths are checked before they become Rust values.
//!
//! Everything `unsafe` in the crate that touches C's memory is here, one small block each.

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use contact755_core::{InputError, InputErrorKind, MappingError, PolicyError, Word};

use crate::{C755Bytes, C755Error, C755_ERROR_ABI, C755_ERROR_INTERNAL, C755_ERROR_MAPPING};

/// Why a call failed, before it becomes a [`C755Error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) kind: i32,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

impl Failure {
    /// A misuse of the ABI (a NULL pointer, a bad length, text that is not UTF-8). The message
    /// names the parameter, never its content.
    pub(crate) fn abi(message: impl Into<String>) -> Failure {
        Failure { kind: C755_ERROR_ABI, path: String::new(), message: message.into(), line: 0, column: 0 }
    }

    /// A panic inside the library. The panic's own message stays out: it could hold input.
    pub(crate) fn internal() -> Failure {
        Failure {
            kind: C755_ERROR_INTERNAL,
            path: String::new(),
            message:
                "internal error in contact755 (a bug: please report it with the input's shape, not its data)"
                    .into(),
            line: 0,
            column: 0,
        }
    }

    fn from_parts(
        kind: InputErrorKind,
        path: String,
        line: Option<u64>,
        column: Option<u64>,
        message: String,
    ) -> Self {
        let narrow = |n: Option<u64>| n.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
        Failure { kind: kind_number(kind), path, message, line: narrow(line), column: narrow(column) }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::from_parts(e.kind, e.path, e.line, e.column, e.message)
    }
}

impl From<PolicyError> for Failure {
    fn from(e: PolicyError) -> Self {
        Failure::from_parts(e.kind, e.path, e.line, e.column, e.message)
    }
}

impl From<MappingError> for Failure {
    /// A rejected mapping: the SPEC kind shifted by [`C755_ERROR_MAPPING`], so that the number
    /// alone tells a mapping's error from a dataset's or a policy's.
    fn from(e: MappingError) -> Self {
        let failure = Failure::from_parts(e.kind, e.path, e.line, e.column, e.message);
        Failure { kind: mapping_kind_number(e.kind), ..failure }
    }
}

/// The C number of a core error kind in a mapping: [`C755_ERROR_MAPPING`] + [`kind_number`].
pub(crate) fn mapping_kind_number(kind: InputErrorKind) -> i32 {
    match kind_number(kind) {
        C755_ERROR_INTERNAL => C755_ERROR_INTERNAL,
        k => C755_ERROR_MAPPING + k,
    }
}

/// The C number of a core error kind: its place in [`Word::ALL`], from 1.
pub(crate) fn kind_number(kind: InputErrorKind) -> i32 {
    InputErrorKind::ALL
        .iter()
        .position(|k| *k == kind)
        .and_then(|i| i32::try_from(i + 1).ok())
        .unwrap_or(C755_ERROR_INTERNAL)
}

/// Runs the body of an exported function that reports through a status code: 0, or the kind
/// of the failure (then stored in `*error`).
pub(crate) fn status(error: ErrorOut, body: impl FnOnce() -> Result<(), Failure>) -> i32 {
    match run(error, body) {
        Ok(()) => 0,
        Err(kind) => kind,
    }
}

/// Runs the body of an exported constructor: the new object, or NULL with `*error` set.
pub(crate) fn object<T>(error: ErrorOut, body: impl FnOnce() -> Result<T, Failure>) -> *mut T {
    run(error, || body().map(|value| Box::into_raw(Box::new(value)))).unwrap_or(std::ptr::null_mut())
}

/// The guard every exported body runs in: writes NULL to `*error` first, catches a panic (which
/// must never unwind into C), and on failure stores the error when `error` is not NULL and
/// returns its kind (never 0).
fn run<T>(error: ErrorOut, body: impl FnOnce() -> Result<T, Failure>) -> Result<T, i32> {
    error.clear();
    // AssertUnwindSafe: a body only reads the caller's objects and writes its out-parameters as
    // its last step, so a panic leaves nothing half-changed that the caller could see.
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| Err(Failure::internal()));
    outcome.map_err(|failure| {
        let kind = failure.kind;
        error.store(failure);
        kind
    })
}

/// Runs the body of a function that cannot report an error (`c755_version`, the `_free`
/// functions) under the panic guard: `fallback` after a panic.
pub(crate) fn or<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    // AssertUnwindSafe: such a body changes nothing the caller can see before its end.
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// The `error` out-parameter of an exported function: NULL (the caller wants the status code
/// only) or where to store a [`C755Error`].
#[derive(Clone, Copy)]
pub(crate) struct ErrorOut(*mut *mut C755Error);

impl ErrorOut {
    /// For a function without an `error` parameter: failures are told by the code alone.
    pub(crate) const NONE: ErrorOut = ErrorOut(std::ptr::null_mut());

    /// Wraps the caller's `error` argument.
    ///
    /// # Safety
    /// `error` is NULL or points to a writable `C755Error *` for the whole call.
    pub(crate) unsafe fn new(error: *mut *mut C755Error) -> ErrorOut {
        ErrorOut(error)
    }

    /// Writes NULL to `*error`, so a success leaves no stale error behind.
    fn clear(self) {
        if !self.0.is_null() {
            // SAFETY: not NULL, and writable by the contract of `new`.
            unsafe { self.0.write(std::ptr::null_mut()) };
        }
    }

    /// Stores `failure` as a [`C755Error`] the caller frees (dropped when `error` is NULL).
    fn store(self, failure: Failure) {
        if self.0.is_null() {
            return;
        }
        let boxed = Box::new(C755Error {
            kind: failure.kind,
            path: c_string(failure.path),
            message: c_string(failure.message),
            line: failure.line,
            column: failure.column,
        });
        // SAFETY: not NULL, and writable by the contract of `new`.
        unsafe { self.0.write(Box::into_raw(boxed)) };
    }
}

/// A C string the caller frees with `c755_error_free`; a NUL inside (a key of an input could
/// hold one) is written `\u0000` so the string is never cut short.
pub(crate) fn c_string(text: String) -> *mut c_char {
    let text = if text.contains('\0') { text.replace('\0', "\\u0000") } else { text };
    CString::new(text).unwrap_or_default().into_raw()
}

/// Frees a string made by [`c_string`].
///
/// # Safety
/// `ptr` is NULL or came from [`c_string`] and is not used again.
pub(crate) unsafe fn free_c_string(ptr: *mut c_char) {
    if !ptr.is_null() {
        // SAFETY: the function's contract: it came from `CString::into_raw`.
        drop(unsafe { CString::from_raw(ptr) });
    }
}

/// A library-owned buffer holding `bytes` and a NUL after them (not counted in `len`).
pub(crate) fn bytes_of(mut bytes: Vec<u8>) -> C755Bytes {
    if bytes.is_empty() {
        return C755Bytes::EMPTY;
    }
    bytes.push(0);
    let len = bytes.len() - 1;
    let ptr = Box::into_raw(bytes.into_boxed_slice()).cast::<u8>();
    C755Bytes { ptr, len }
}

/// Frees a buffer made by [`bytes_of`].
///
/// # Safety
/// `bytes` came from [`bytes_of`], unchanged, and is not used again.
pub(crate) unsafe fn free_bytes(bytes: C755Bytes) {
    if bytes.ptr.is_null() {
        return;
    }
    let whole = std::ptr::slice_from_raw_parts_mut(bytes.ptr, bytes.len + 1);
    // SAFETY: the function's contract: `ptr` and `len + 1` are those of the boxed slice
    // `bytes_of` leaked.
    drop(unsafe { Box::from_raw(whole) });
}

/// An out-parameter for bytes: checked and emptied first, filled only by a success.
pub(crate) struct BytesOut(*mut C755Bytes);

impl BytesOut {
    /// Checks that `out` is not NULL and writes the empty buffer to it.
    ///
    /// # Safety
    /// `out` is NULL or points to a writable `C755Bytes` for the whole call.
    pub(crate) unsafe fn new(out: *mut C755Bytes, name: &str) -> Result<BytesOut, Failure> {
        if out.is_null() {
            return Err(Failure::abi(format!("`{name}` is NULL")));
        }
        // SAFETY: not NULL, and writable by this function's contract.
        unsafe { out.write(C755Bytes::EMPTY) };
        Ok(BytesOut(out))
    }

    /// Hands `text` to the caller; the last step of a successful call.
    pub(crate) fn set(self, text: String) {
        self.set_bytes(text.into_bytes());
    }

    /// Hands `bytes` (not necessarily UTF-8: a vector's file) to the caller; the last step of
    /// a successful call.
    pub(crate) fn set_bytes(self, bytes: Vec<u8>) {
        // SAFETY: checked in `new`, writable for the whole call by its contract.
        unsafe { self.0.write(bytes_of(bytes)) };
    }
}

/// The bytes C passed as `data` and `len`: NULL with 0 is the empty input; NULL with more, or
/// a length past `isize::MAX`, is an ABI error.
///
/// # Safety
/// When `data` is not NULL it points to `len` readable bytes that nothing changes during the
/// call.
pub(crate) unsafe fn bytes<'a>(data: *const u8, len: usize, name: &str) -> Result<&'a [u8], Failure> {
    if len > isize::MAX as usize {
        return Err(Failure::abi(format!("`{name}`'s length {len} is larger than isize::MAX")));
    }
    if data.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Failure::abi(format!("`{name}` is NULL but its length is {len}")))
        };
    }
    // SAFETY: not NULL, at most isize::MAX bytes, and the caller promises `len` readable bytes
    // (a u8 pointer is always aligned).
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// The `count` elements of a C array: NULL with 0 is the empty array; NULL with more, a
/// pointer not aligned for `T`, or more bytes than `isize::MAX`, is an ABI error.
///
/// # Safety
/// When `ptr` is not NULL it points to `count` initialized elements that nothing changes
/// during the call.
pub(crate) unsafe fn array<'a, T>(ptr: *const T, count: usize, name: &str) -> Result<&'a [T], Failure> {
    if count > isize::MAX as usize / std::mem::size_of::<T>().max(1) {
        return Err(Failure::abi(format!("`{name}`'s count {count} is too large for an array")));
    }
    if ptr.is_null() {
        return if count == 0 {
            Ok(&[])
        } else {
            Err(Failure::abi(format!("`{name}` is NULL but its count is {count}")))
        };
    }
    if !ptr.is_aligned() {
        return Err(Failure::abi(format!("`{name}` is not aligned for its element type")));
    }
    // SAFETY: not NULL, aligned, at most isize::MAX bytes, and the caller promises `count`
    // initialized elements.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Like [`bytes`], for an argument the core reads as text: bytes that are not UTF-8 are an
/// ABI error.
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(data: *const u8, len: usize, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: the same contract, passed on.
    let bytes = unsafe { bytes(data, len, name) }?;
    utf8(bytes, name)
}

/// A NUL-terminated C string as UTF-8 text.
///
/// # Safety
/// When `ptr` is not NULL it points to a NUL-terminated string that nothing changes during the
/// call.
pub(crate) unsafe fn c_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::abi(format!("`{name}` is NULL")));
    }
    // SAFETY: not NULL, and the caller promises a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    utf8(bytes, name)
}

fn utf8<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::abi(format!("`{name}` is not UTF-8 (first bad byte at offset {})", e.valid_up_to()))
    })
}

/// An object behind a pointer from one of this library's constructors.
///
/// # Safety
/// When `ptr` is not NULL it came from `Box::into_raw` in this library and is not freed during
/// the call.
pub(crate) unsafe fn object_ref<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, Failure> {
    if ptr.is_null() {
        return Err(Failure::abi(format!("`{name}` is NULL")));
    }
    // SAFETY: not NULL, and the caller promises a live object; it is only read.
    Ok(unsafe { &*ptr })
}

/// Frees an object made by [`object`].
///
/// # Safety
/// `ptr` is NULL or came from [`object`] with this `T`, and is not used again.
pub(crate) unsafe fn free_object<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the function's contract: it came from `Box::into_raw(Box<T>)`.
        drop(unsafe { Box::from_raw(ptr) });
    }
}
