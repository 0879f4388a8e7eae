"""Panic safety (issue 5): an unexpected Rust panic inside the native module surfaces as
``contact755.InternalError`` (a ``RuntimeError``, so ``except Exception`` catches it), never as
PyO3's ``PanicException`` (a ``BaseException``) and never as a crash; the interpreter stays
usable afterwards.

A panic needs a bug, so the tests cause one on purpose: ``_native._panic_for_test()`` panics
inside the same guard every native function and method runs in. It exists only in wheels
built with the cargo feature ``test-hooks``, as ``scripts/test-python.sh`` builds the test
wheel; distributed wheels do not have it. Without it these tests fail (they do not skip), so
a run can never pass without having proved the guarantee."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, List

import pytest

import contact755
from contact755 import Policy, _native

from conftest import SMALL, SMALL_FINDINGS, check_entry_args

#: Stands for input data the panic message quotes; it must not reach the exception.
SECRET = "Mrs Smith, 12 Elm Street"


def panic_hook() -> Callable[..., None]:
    hook = getattr(_native, "_panic_for_test", None)
    if hook is None:
        pytest.fail(
            "the installed contact755 wheel has no _native._panic_for_test: it was built without "
            "the cargo feature `test-hooks`, so panic safety cannot be tested. Build and test it "
            "with `bash scripts/test-python.sh` (maturin build --features test-hooks).",
            pytrace=False,
        )
    return hook  # type: ignore[no-any-return]


def check_entry_rules(policy: Policy) -> List[str]:
    return [f.rule for f in policy.check_entry(**check_entry_args())]


def assert_still_usable(policy: Policy) -> None:
    report = policy.audit(SMALL)
    assert [(f.rule, f.subject) for f in report.findings] == SMALL_FINDINGS
    assert check_entry_rules(policy) == ["FP-CODE-755"]


@pytest.mark.parametrize("detached", [False, True], ids=["gil-held", "gil-released"])
def test_a_panic_is_an_internal_error(detached: bool) -> None:
    hook = panic_hook()
    with pytest.raises(contact755.InternalError) as info:
        hook(SECRET, detached=detached)
    err = info.value
    assert type(err) is contact755.InternalError
    assert isinstance(err, RuntimeError) and isinstance(err, Exception)
    assert not isinstance(err, contact755.Contact755Error)
    assert "PanicException" not in type(err).__name__
    message = str(err)
    assert "internal error" in message and "not a problem with the input" in message
    assert SECRET not in message and "deliberate" not in message


def test_except_exception_catches_it() -> None:
    hook = panic_hook()
    caught: Any = None
    try:
        hook(SECRET)
    except Exception as err:  # what a reporting script writes
        caught = err
    assert isinstance(caught, contact755.InternalError)


def test_the_interpreter_stays_usable_after_panics(norwalk: Policy) -> None:
    hook = panic_hook()
    assert_still_usable(norwalk)
    for i in range(20):
        with pytest.raises(contact755.InternalError):
            hook(SECRET, detached=bool(i % 2))
        assert_still_usable(norwalk)
    assert_still_usable(Policy(min_contacts_per_shift=2))


def test_panics_in_threads(norwalk: Policy) -> None:
    hook = panic_hook()

    def job(i: int) -> str:
        kind = i % 4
        if kind in (0, 1):
            try:
                hook(SECRET, detached=kind == 1)
            except contact755.InternalError:
                return "internal"
            return "no error"
        if kind == 2:
            return ",".join(f.rule for f in norwalk.audit(SMALL).findings)
        return ",".join(check_entry_rules(norwalk))

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(job, range(200)))
    expected = {0: "internal", 1: "internal", 2: ",".join(r for r, _ in SMALL_FINDINGS), 3: "FP-CODE-755"}
    assert outcomes == [expected[i % 4] for i in range(200)]
    assert_still_usable(norwalk)


def test_internal_error_is_public_documented_and_picklable() -> None:
    cls = contact755.InternalError
    assert "InternalError" in contact755.__all__
    assert cls is contact755._errors.InternalError is _native.InternalError
    assert issubclass(cls, RuntimeError) and not issubclass(cls, ValueError)
    assert (cls.__module__, cls.__name__) == ("contact755", "InternalError")
    assert cls.__doc__ and "bug" in cls.__doc__
    panic_hook()
    with pytest.raises(contact755.InternalError) as info:
        panic_hook()(SECRET)
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is cls and str(again) == str(info.value)
