"""A day of interviews with no network, in Debian's Chromium at tablet size.

The interviewer loads the day, goes offline, records consent and completes two interviews, reloads the
page while offline (the service worker serves the app, the outbox still holds both), comes back online
and syncs. The server then holds exactly two encrypted responses; syncing again adds nothing; the
tablet's IndexedDB never held the answers in plain text; signing out leaves no store behind.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}
SENTINEL = "SENTINEL-7Q4"
INTERVIEWER = "interviewer@demo.example"

# Every value of every object store of the app's database, with bytes as latin-1 text (so that a
# plain-text answer would show) and key objects described (they cannot be read out).
READ_STORE = """async () => {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes("mapping-field")) { return { exists: false, stores: {} }; }
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("mapping-field");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const plain = (value) => {
    if (value instanceof CryptoKey) {
      return { cryptoKey: { extractable: value.extractable, algorithm: value.algorithm.name, usages: value.usages } };
    }
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const bytes = new Uint8Array(value instanceof ArrayBuffer ? value : value.buffer);
      let text = "";
      for (const byte of bytes) { text += String.fromCharCode(byte); }
      return { bytes: text, length: bytes.length };
    }
    if (Array.isArray(value)) { return value.map(plain); }
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    }
    return value;
  };
  const stores = {};
  for (const name of db.objectStoreNames) {
    stores[name] = await new Promise((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result.map(plain));
      request.onerror = () => reject(request.error);
    });
  }
  db.close();
  return { exists: true, stores };
}"""

CACHES = "async () => (await caches.keys())"


def _wait_for_screen_change(page: Any, key: str) -> None:
    # expect() rather than wait_for_function: the page's CSP (rightly) forbids evaluating strings.
    expect(page.locator(f"form.question-screen[data-key='{key}']")).to_have_count(0)


def _ready(page: Any) -> None:
    expect(page.locator("body[data-field-ready=yes]")).to_have_count(1)


def _answer(form: Any, kind: str, key: str, note: str) -> None:
    if key in ("anything_else", "respondent_role"):
        form.locator("textarea").fill(note)
    elif key == "last_month_pay":
        form.get_by_label("Amount").fill("9000")  # the currency is preset to the destination's
    elif kind in ("single_choice", "multiple_choice"):
        form.locator("label.option-tile").first.click()
    elif kind == "yes_no":
        form.locator("label.option-tile", has_text="No").click()
    elif kind == "number":
        form.locator("input[name=answer]").fill("10")
    elif kind == "money":
        form.get_by_label("Amount").fill("1000")
    elif kind == "date":
        form.locator("input[name=answer]").fill("2024-01-15")
    else:
        form.locator("[name=answer]").fill("Test answer")


def _sign_out(page: Any) -> None:
    """The app's own sign-out button (in the collapsed menu at tablet width)."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    page.locator("#logout-form button").click()


def _records(page: Any) -> int:
    return len(page.evaluate(READ_STORE)["stores"].get("records", []))


def _consent(page: Any, *, language: str = "my") -> None:
    expect(page.get_by_role("heading", name="Consent", exact=True)).to_be_visible()
    page.locator("label.option-tile", has_text="Verbal").click()
    page.get_by_label("Witnessed by").fill("Test Witness")
    page.get_by_label("Language of the interview").select_option(language)
    before = _records(page)
    page.get_by_role("button", name="Record consent and continue").click()
    expect(page.get_by_role("heading", name="About this interview")).to_be_visible()
    # Nothing exists before consent: the interview's record is made when consent is recorded.
    assert _records(page) == before + 1


def _questions(page: Any, note: str, screenshot_dir: Any = None) -> None:
    expect(page.locator("form.question-screen")).to_be_visible()
    for _screen in range(200):
        form = page.locator("form.question-screen")
        if not form.count():
            break
        key, kind = form.get_attribute("data-key"), form.get_attribute("data-type")
        required = form.get_attribute("data-required") == "yes"
        if key in ("anything_else", "last_month_pay", "respondent_role") or required:
            _answer(form, kind, key, note)
        if screenshot_dir is not None and key == "gender":
            expect(form.locator(".q-worker")).to_contain_text("ကျား")  # the Burmese wording beside the English
            page.screenshot(path=screenshot_dir / "field-question-768.png", full_page=True)
        form.get_by_role("button", name="Next").click()
        _wait_for_screen_change(page, key)
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    expect(page.locator(".review-list")).to_contain_text(note)
    page.get_by_role("button", name="Finish interview").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def _interview(page: Any, slot: Any, note: str, screenshot_dir: Any, shots: bool) -> None:
    slot.get_by_role("link", name="Start").click()
    _consent(page)
    page.get_by_label("Nationality").select_option("MM")
    page.get_by_label("Year recruited").fill("2024")
    page.get_by_role("button", name="Continue to the questions").click()
    _questions(page, note, screenshot_dir if shots else None)


def test_a_day_of_interviews_offline_then_synced_once(browser, live_server, demo, login, screenshot_dir) -> None:
    from django.core.signals import request_started
    from django.db import connection

    from interviews.fieldwork.models import SyncedRecord
    from vault.models import Response
    from vault.records import open_response

    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    login(page, live_server, INTERVIEWER)

    # 1. The day, online: the service worker installs and the outbox key is derived.
    page.goto(f"{live_server.url}/field/")
    _ready(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    individual = page.locator("li.slot-row", has_text="Individual interview")
    expect(individual.first).to_be_visible()
    assert individual.count() >= 2
    expect(page.locator("li.slot-row").first).to_contain_text("Not started")
    page.screenshot(path=screenshot_dir / "field-day-768.png", full_page=True)
    stored_before = Response.objects.filter(engagement=demo.engagement).count()

    # 2. Offline: consent and two complete interviews.
    context.set_offline(True)
    expect(page.locator("#field-network")).to_have_text("Offline")
    assert page.evaluate("fetch('/field/day.json').then(() => 'reached', () => 'offline')") == "offline"
    first_slot = individual.nth(0).get_attribute("data-slot")
    second_slot = individual.nth(1).get_attribute("data-slot")
    _interview(page, page.locator(f"li[data-slot='{first_slot}']"), f"{SENTINEL} first", screenshot_dir, True)
    _interview(page, page.locator(f"li[data-slot='{second_slot}']"), f"{SENTINEL} second", screenshot_dir, False)
    for slot in (first_slot, second_slot):
        expect(page.locator(f"li[data-slot='{slot}']")).to_contain_text("Done, on this tablet")

    # 3. A reload while offline: the service worker serves the app (the server sees no request at all),
    # and the outbox still holds both.
    server_hits: list[str] = []

    def count_hit(sender: Any, environ: dict, **kwargs: Any) -> None:
        server_hits.append(environ.get("PATH_INFO", ""))

    request_started.connect(count_hit)
    try:
        reloaded = page.reload()
        _ready(page)
    finally:
        request_started.disconnect(count_hit)
    assert reloaded is not None and reloaded.from_service_worker
    assert server_hits == [], server_hits
    _ready(page)
    for slot in (first_slot, second_slot):
        expect(page.locator(f"li[data-slot='{slot}']")).to_contain_text("Done, on this tablet")
    page.goto(f"{live_server.url}/field/#/outbox")
    expect(page.locator(".outbox-row[data-state=ready]")).to_have_count(2)
    page.screenshot(path=screenshot_dir / "field-outbox-offline-768.png", full_page=True)

    # What the tablet keeps: ciphertext only, under a key that cannot be read out.
    raw = page.evaluate(READ_STORE)
    assert raw["exists"] and len(raw["stores"]["records"]) == 2
    assert SENTINEL not in json.dumps(raw, ensure_ascii=False)
    assert "Test Witness" not in json.dumps(raw, ensure_ascii=False)
    for row in raw["stores"]["records"]:
        assert row["ct"]["length"] > 100 and set(row) >= {"id", "state", "iv", "ct"}
        assert "answers" not in row and "consent" not in row
    assert [k["key"]["cryptoKey"]["extractable"] for k in raw["stores"]["keys"]] == [False]
    assert Response.objects.filter(engagement=demo.engagement).count() == stored_before

    # 4. Online again: the outbox syncs by itself; the first answer is lost on the way back, so the
    # tablet sends that record again, and the server answers "already stored".
    lost: list[str] = []

    def lose_first_answer(route: Any) -> None:
        response = route.fetch()
        if not lost:
            lost.append(route.request.url)
            route.abort()
        else:
            route.fulfill(response=response)

    page.route("**/api/v1/engagements/*/records/*/", lose_first_answer)
    context.set_offline(False)
    expect(page.locator(".outbox-row[data-state=error]")).to_have_count(1, timeout=15_000)
    page.unroute("**/api/v1/engagements/*/records/*/")
    page.locator(".outbox-row[data-state=error]").get_by_role("button", name="Retry").click()
    expect(page.locator(".outbox-row[data-state=synced]")).to_have_count(2, timeout=15_000)
    expect(page.locator(".outbox-list")).to_contain_text("it already had it")
    page.screenshot(path=screenshot_dir / "field-outbox-768.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=screenshot_dir / "field-outbox-1280.png", full_page=True)
    request_started.connect(count_hit)  # online, the same hook does see the app's requests
    try:
        page.goto(f"{live_server.url}/field/#/")
        page.reload()
        _ready(page)
    finally:
        request_started.disconnect(count_hit)
    assert "/field/day.json" in server_hits
    page.screenshot(path=screenshot_dir / "field-day-1280.png", full_page=True)
    page.set_viewport_size(TABLET)

    # The server holds exactly two new responses, encrypted: the sentinel only comes back through the vault.
    new = Response.objects.filter(pk__in=SyncedRecord.objects.values("response_id"))
    assert new.count() == 2 and SyncedRecord.objects.count() == 2
    assert Response.objects.filter(engagement=demo.engagement).count() == stored_before + 2
    with connection.cursor() as cursor:
        engagement_id = Response._meta.pk.get_db_prep_value(demo.engagement.pk, connection)
        cursor.execute("SELECT ciphertext FROM vault_response WHERE engagement_id = %s", [engagement_id])
        assert all(SENTINEL.encode() not in bytes(row[0]) for row in cursor.fetchall())
    notes = sorted(open_response(r)["anything_else"] for r in new)
    assert notes == [f"{SENTINEL} first", f"{SENTINEL} second"]

    # Syncing again adds nothing.
    page.get_by_role("link", name="Open the outbox").click()
    page.get_by_role("button", name="Send now").click()
    expect(page.locator(".outbox-row[data-state=synced]")).to_have_count(2)
    assert Response.objects.filter(engagement=demo.engagement).count() == stored_before + 2
    for slot in (first_slot, second_slot):
        page.goto(f"{live_server.url}/field/#/")
        expect(page.locator(f"li[data-slot='{slot}']")).to_contain_text("Synced")
    raw = page.evaluate(READ_STORE)
    assert SENTINEL not in json.dumps(raw, ensure_ascii=False)

    # 5. Signing out wipes the tablet: no database, no cache, no service worker.
    _sign_out(page)
    page.wait_for_url("**/accounts/login/**")
    assert dialogs == []  # everything was sent: no warning needed
    raw = page.evaluate(READ_STORE)
    assert raw == {"exists": False, "stores": {}}
    assert page.evaluate(CACHES) == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    context.close()


def test_a_session_that_ends_while_offline_loses_nothing(browser, live_server, demo, login) -> None:
    """The decision for a session timing out offline: the tablet keeps its key (until sign-out), the
    interviewer keeps working, the outbox says to sign in again, and after signing in everything is sent."""
    from django.contrib.sessions.models import Session

    from vault.models import Response
    from vault.records import open_response

    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    login(page, live_server, INTERVIEWER)
    page.goto(f"{live_server.url}/field/")
    _ready(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # the app is kept for offline use
    context.set_offline(True)
    Session.objects.all().delete()  # the server forgets the session (as after the idle timeout)

    page.reload()  # still readable offline: the key is on the tablet, not in the session
    _ready(page)
    page.locator(".start-buttons").get_by_role("link", name="Management interview").click()
    _consent(page, language="en")
    page.get_by_role("button", name="Continue to the questions").click()
    _questions(page, f"{SENTINEL} management")

    context.set_offline(False)
    page.get_by_role("link", name="Open the outbox").click()
    expect(page.locator(".alert-warning", has_text="Your session has ended")).to_be_visible(timeout=15_000)
    expect(page.locator(".outbox-row[data-state=synced]")).to_have_count(0)
    assert not Response.objects.filter(engagement=demo.engagement, respondent__kind="management").exists()

    login(page, live_server, INTERVIEWER)  # a new session: a new secret, a second key on the tablet
    page.goto(f"{live_server.url}/field/#/outbox")
    _ready(page)
    expect(page.locator(".outbox-row[data-state=synced]")).to_have_count(1, timeout=15_000)
    keys = page.evaluate(READ_STORE)["stores"]["keys"]
    assert len(keys) == 2 and not any(k["key"]["cryptoKey"]["extractable"] for k in keys)
    stored = Response.objects.get(engagement=demo.engagement, respondent__kind="management")
    assert open_response(stored)["respondent_role"] == f"{SENTINEL} management"
    context.close()


def test_signing_out_with_unsent_interviews_warns_first(browser, live_server, demo, login) -> None:
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    login(page, live_server, INTERVIEWER)
    page.goto(f"{live_server.url}/field/")
    _ready(page)
    context.set_offline(True)
    slot = page.locator("li.slot-row", has_text="Individual interview").first
    slot.get_by_role("link", name="Start").click()
    page.locator("label.option-tile", has_text="Written").click()
    page.get_by_label("Witnessed by").fill("Test Witness")
    page.get_by_role("button", name="Record consent and continue").click()
    expect(page.get_by_role("heading", name="About this interview")).to_be_visible()
    context.set_offline(False)

    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    _sign_out(page)
    page.wait_for_timeout(500)
    assert messages and "1 interview on this tablet has not reached the server" in messages[0]
    assert "/field/" in page.url  # declined: still signed in, the draft kept
    assert page.evaluate(READ_STORE)["exists"]
    context.close()


# --- the tablet judges answers exactly as the server does ---------------------------------------------

PARITY_QUESTIONS = [
    {"key": "origin", "type": "single_choice", "required": True, "options": ["a", "b", "c"], "show_if": None},
    {"key": "paid", "type": "yes_no", "required": False, "options": ["yes", "no"],
     "show_if": {"question": "origin", "op": "equals", "value": "a"}},
    {"key": "items", "type": "multiple_choice", "required": False, "options": ["x", "y", "z"],
     "show_if": {"question": "paid", "op": "equals", "value": "yes"}},
    {"key": "fee", "type": "money", "required": True, "options": [],
     "show_if": {"question": "items", "op": "contains", "value": "y"}},
    {"key": "hours", "type": "number", "required": False, "options": [], "show_if": None},
    {"key": "arrived", "type": "date", "required": False, "options": [], "show_if": None},
    {"key": "story", "type": "text", "required": True, "options": [],
     "show_if": {"question": "origin", "op": "not_equals", "value": "c"}},
    {"key": "more", "type": "multiple_choice", "required": False, "options": ["p", "q"],
     "show_if": {"question": "items", "op": "not_contains", "value": "z"}},
]  # fmt: skip

# Per type: (valid answers, invalid or empty ones); None leaves the question unanswered.
CANDIDATES: dict[str, tuple[list[Any], list[Any]]] = {
    "single_choice": (["a", "b", "c"], ["d", "", 3, ["a"], None]),
    "yes_no": (["yes", "no"], ["maybe", True, "", None]),
    "multiple_choice": ([["x"], ["y", "x"], ["y", "z"], ["z", "y", "x"]], [["x", "x"], ["w"], [], "x", [1], None]),
    "money": (
        [
            {"amount": "1500", "currency": "MMK"},
            {"amount": " 0150.50 ", "currency": "thb"},
            {"amount": "000.5", "currency": "USD"},
        ],
        [
            {"amount": "12.345", "currency": "THB"},
            {"amount": "-3", "currency": "THB"},
            {"amount": "9999999999999", "currency": "THB"},
            {"amount": "100", "currency": "XYZ"},
            {"amount": "100", "currency": ""},
            {"amount": "", "currency": "THB"},
            {"amount": 100, "currency": "THB"},
            {"amount": "100"},
            {},
            None,
        ],
    ),
    "number": ([0, 8, 60.0, 7.5], [-1, 2_000_000_000, "8", True, None]),
    "date": (["2024-02-29", " 2024-01-15 "], ["2023-02-29", "1939-12-31", "15/01/2024", "", None]),
    "text": (["It was hard.", "  padded  "], ["   ", "x" * 4001, "bell\x07", 42, None]),
}


def test_the_tablet_validates_and_skips_exactly_as_the_server(page, live_server) -> None:
    import random
    from types import SimpleNamespace

    from django.core.exceptions import ValidationError

    from interviews.questionnaires.answers import CURRENCY_CODES, clean_answers

    questions = [
        SimpleNamespace(**{**q, "options": [{"value": v, "label": v} for v in q["options"]]}) for q in PARITY_QUESTIONS
    ]
    rng = random.Random(20261129)
    cases = []
    for _case in range(400):
        answers = {}
        for q in PARITY_QUESTIONS:
            valid, invalid = CANDIDATES[q["type"]]
            value = rng.choice(valid if rng.random() < 0.85 else invalid)
            if value is not None:
                answers[q["key"]] = value
        cases.append(answers)
    expected = []
    for answers in cases:
        try:
            expected.append({"cleaned": clean_answers(questions, answers), "errors": {}})
        except ValidationError as invalid:
            expected.append({"cleaned": None, "errors": {k: v[0] for k, v in invalid.message_dict.items()}})

    page.goto(f"{live_server.url}/accounts/login/")
    got = page.evaluate(
        """async ([questions, cases, currencies]) => {
          const rules = await import("/static/fieldwork/rules.js");
          const defined = questions.map((q) => ({ ...q, options: q.options.map((v) => ({ value: v, label: v })) }));
          return cases.map((answers) => {
            const { cleaned, errors } = rules.cleanAnswers(defined, answers, new Set(currencies));
            return { cleaned: Object.keys(errors).length ? null : cleaned, errors };
          });
        }""",
        [PARITY_QUESTIONS, cases, sorted(CURRENCY_CODES)],
    )
    mismatches = [(case, want, have) for case, want, have in zip(cases, expected, got, strict=True) if want != have]
    assert not mismatches, mismatches[:3]
    assert sum(1 for e in expected if e["errors"]) > 50 and sum(1 for e in expected if not e["errors"]) > 20
