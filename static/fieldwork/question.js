// One question per screen (both languages side by side), then the review and "finish".
// Every answer is saved at once (autosave), encrypted, to the outbox.

import { h, render } from "./dom.js";
import { header, languageName } from "./parts.js";
import { cleanAnswers, cleanValue, unanswered } from "./rules.js";

// --- one question per screen ---------------------------------------------------------------------

function localised(question, language) {
  const entry = language !== "en" ? question.translations[language] : null;
  return entry || null;
}

function optionInputs(question, answer, language, multiple) {
  const entry = localised(question, language);
  const chosen = multiple ? new Set(Array.isArray(answer) ? answer : []) : answer;
  return h(
    "div",
    { class: "d-grid gap-2 options", role: multiple ? "group" : "radiogroup", "aria-labelledby": "q-text" },
    question.options.map((option) => {
      const local = entry && entry.options ? entry.options[option.value] : null;
      return h(
        "label",
        { class: "option-tile" },
        h("input", {
          type: multiple ? "checkbox" : "radio",
          name: "answer",
          value: option.value,
          checked: multiple ? chosen.has(option.value) : chosen === option.value,
        }),
        h(
          "span",
          { class: "d-flex flex-column" },
          h("span", { lang: "en" }, option.label),
          local && local !== option.label ? h("span", { class: "option-local", lang: language }, local) : null,
        ),
      );
    }),
  );
}

function answerInput(app, engagement, question, answer, language) {
  switch (question.type) {
    case "single_choice":
    case "yes_no":
      return optionInputs(question, answer, language, false);
    case "multiple_choice":
      return optionInputs(question, answer, language, true);
    case "number":
      return h("input", {
        class: "form-control form-control-lg answer-number",
        name: "answer",
        type: "text",
        inputmode: "decimal",
        autocomplete: "off",
        "aria-labelledby": "q-text",
        value: answer === undefined || answer === null ? "" : String(answer),
      });
    case "money": {
      const money = answer && typeof answer === "object" ? answer : {};
      const currency = money.currency || engagement.default_currency;
      const first = engagement.currencies;
      return h(
        "div",
        { class: "row g-2 money" },
        h(
          "div",
          { class: "col-7" },
          h("label", { class: "form-label", for: "answer-amount" }, "Amount"),
          h("input", { id: "answer-amount", class: "form-control form-control-lg", name: "amount", type: "text", inputmode: "decimal", autocomplete: "off", value: money.amount || "" }),
        ),
        h(
          "div",
          { class: "col-5" },
          h("label", { class: "form-label", for: "answer-currency" }, "Currency"),
          h(
            "select",
            { id: "answer-currency", class: "form-select form-select-lg", name: "currency" },
            h("optgroup", { label: "Usual here" }, first.map((code) => h("option", { value: code, selected: code === currency }, code))),
            h(
              "optgroup",
              { label: "All currencies" },
              app.choices.currencies.filter((code) => !first.includes(code)).map((code) => h("option", { value: code, selected: code === currency }, code)),
            ),
          ),
        ),
      );
    }
    case "date":
      return h("input", { class: "form-control form-control-lg", name: "answer", type: "date", "aria-labelledby": "q-text", value: answer || "" });
    default:
      return h("textarea", { class: "form-control form-control-lg", name: "answer", rows: 4, maxlength: 4000, "aria-labelledby": "q-text" }, answer || "");
  }
}

function readAnswer(form, question) {
  if (question.type === "money") {
    const amount = form.querySelector('[name="amount"]').value;
    const currency = form.querySelector('[name="currency"]').value;
    return amount.trim() ? { amount: amount.trim(), currency } : undefined;
  }
  if (question.type === "multiple_choice") {
    const chosen = [...form.querySelectorAll('[name="answer"]:checked')].map((input) => input.value);
    return chosen.length ? chosen : undefined;
  }
  if (question.type === "single_choice" || question.type === "yes_no") {
    const chosen = form.querySelector('[name="answer"]:checked');
    return chosen ? chosen.value : undefined;
  }
  const raw = form.querySelector('[name="answer"]').value;
  if (question.type === "number") {
    const text = raw.trim().replace(",", ".");
    if (!text) {
      return undefined;
    }
    return /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : raw;
  }
  return raw === "" ? undefined : raw;
}

export function renderQuestion(app, root, record, key) {
  const data = record.data;
  const definition = app.definition(data.versionId);
  const engagement = app.engagementOrBlank(record.engagement);
  const question = definition.questions.find((q) => q.key === key);
  if (!question) {
    app.go(`#/i/${record.id}/review`);
    return;
  }
  const language = data.language || "en";
  const { visible } = cleanAnswers(definition.questions, data.answers, app.currencies);
  const position = Math.max(0, visible.indexOf(key));
  const percent = Math.max(5, Math.round(((position + 1) / Math.max(visible.length, 1)) * 20) * 5);
  const local = localised(question, language);
  const errorBox = h("div", { class: "invalid-feedback d-block answer-error", role: "alert", "aria-live": "assertive" });

  const form = h(
    "form",
    {
      novalidate: true,
      class: "question-screen",
      dataset: { key: question.key, type: question.type, required: question.required ? "yes" : "no" },
    },
    h(
      "div",
      { class: "d-flex justify-content-between align-items-center small text-body-secondary mb-1" },
      h("span", {}, question.section_label),
      h("span", {}, `Question ${position + 1} of ${visible.length}`),
    ),
    h("div", { class: "progress mb-3", role: "progressbar", "aria-label": "Progress", "aria-valuenow": percent, "aria-valuemin": 0, "aria-valuemax": 100 }, h("div", { class: `progress-bar pct-${percent}` })),
    h(
      "div",
      { class: "row g-3 mb-3" },
      h(
        "div",
        { class: language !== "en" ? "col-md-6" : "col-12", lang: "en" },
        h("p", { class: "small text-body-secondary mb-1" }, "Interviewer · English"),
        h("h2", { id: "q-text", class: "q-text" }, question.text),
        question.guidance ? h("p", { class: "guidance small" }, question.guidance) : null,
      ),
      language !== "en"
        ? h(
            "div",
            { class: "col-md-6 q-worker", lang: language },
            h("p", { class: "small text-body-secondary mb-1", lang: "en" }, `Worker · ${languageName(app, language)}`),
            local
              ? [h("p", { class: "q-text q-local" }, local.text), local.guidance ? h("p", { class: "guidance small" }, local.guidance) : null]
              : h("p", { class: "text-body-secondary", lang: "en" }, `Not translated into ${languageName(app, language)}: interpret from English.`),
          )
        : null,
    ),
    h("p", { class: "mb-2" }, h("span", { class: question.required ? "badge text-bg-warning" : "badge text-bg-light" }, question.required ? "Answer needed" : "Optional")),
    answerInput(app, engagement, question, data.answers[key], language),
    errorBox,
    h(
      "div",
      { class: "d-flex flex-wrap gap-2 mt-4 nav-buttons" },
      h("button", { class: "btn btn-outline-primary btn-lg tap", type: "button", dataset: { action: "back" } }, "Back"),
      h("button", { class: "btn btn-primary btn-lg tap flex-grow-1", type: "submit", dataset: { action: "next" } }, "Next"),
      h("a", { class: "btn btn-outline-secondary btn-lg tap", href: `#/i/${record.id}/review` }, "Review"),
    ),
  );

  let saving = null;
  const store = () => {
    const value = readAnswer(form, question);
    if (value === undefined) {
      delete data.answers[key];
    } else {
      data.answers[key] = value;
    }
    data.screen = `q/${key}`;
    clearTimeout(saving);
    saving = setTimeout(() => app.save(record), 250);
  };
  form.addEventListener("input", store);
  form.addEventListener("change", store);

  const go = async (direction) => {
    clearTimeout(saving);
    store();
    clearTimeout(saving);
    const value = data.answers[key];
    if (direction === "next") {
      if (unanswered(value)) {
        if (question.required) {
          errorBox.textContent = "This question needs an answer.";
          return;
        }
      } else {
        const result = cleanValue(question, value, app.currencies);
        if (result.error) {
          errorBox.textContent = result.error;
          return;
        }
      }
    }
    await app.save(record);
    const shown = cleanAnswers(definition.questions, data.answers, app.currencies).visible;
    const order = definition.questions.map((q) => q.key);
    const here = order.indexOf(key);
    if (direction === "next") {
      const next = order.slice(here + 1).find((k) => shown.includes(k));
      app.go(next ? `#/i/${record.id}/q/${next}` : `#/i/${record.id}/review`);
    } else {
      const previous = order.slice(0, here).reverse().find((k) => shown.includes(k));
      app.go(previous ? `#/i/${record.id}/q/${previous}` : `#/i/${record.id}/about`);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go("next");
  });
  form.querySelector('[data-action="back"]').addEventListener("click", () => go("back"));

  render(root, header(app, data), form);
  const focusable = form.querySelector("input, textarea, select");
  if (focusable && question.type !== "single_choice" && question.type !== "yes_no" && question.type !== "multiple_choice") {
    focusable.focus();
  }
}

// --- review and finish ---------------------------------------------------------------------------

export function shownAnswer(question, value) {
  if (value === undefined || value === null) {
    return "—";
  }
  const labels = Object.fromEntries(question.options.map((o) => [o.value, o.label]));
  if (question.type === "multiple_choice") {
    return value.map((v) => labels[v] || v).join(", ");
  }
  if (question.type === "single_choice" || question.type === "yes_no") {
    return labels[value] || value;
  }
  if (question.type === "money") {
    return `${value.amount} ${value.currency}`;
  }
  return String(value);
}

export function buildPayload(app, record) {
  const data = record.data;
  const definition = app.definition(data.versionId);
  const { cleaned } = cleanAnswers(definition.questions, data.answers, app.currencies);
  const payload = {
    questionnaire_version: definition.id,
    kind: data.kind,
    consent: { ...data.consent },
    demographics: { ...(data.demographics || {}) },
    answers: cleaned,
  };
  if (data.slot) {
    payload.slot = data.slot;
  }
  if (data.kind === "group") {
    payload.group = data.group;
  }
  if (data.consent.follow_up_calls && data.identity && data.identity.phone) {
    payload.identity = { phone: data.identity.phone };
  }
  return payload;
}

export function renderReview(app, root, record) {
  const data = record.data;
  const editable = record.state === "draft";
  const definition = app.definition(data.versionId);
  if (!definition || !data.answers) {
    render(root, 
      header(app, data),
      h("p", { class: "alert alert-success" }, "This interview reached the server: its answers are no longer on this tablet."),
      h("a", { class: "btn btn-outline-primary tap", href: "#/outbox" }, "Open the outbox"),
    );
    return;
  }
  const { cleaned, errors, visible } = cleanAnswers(definition.questions, data.answers, app.currencies);
  const byKey = Object.fromEntries(definition.questions.map((q) => [q.key, q]));
  const missing = Object.keys(errors).length;
  const rows = visible.map((key) =>
    h(
      "li",
      { class: `list-group-item d-flex flex-wrap gap-2 align-items-center${errors[key] ? " list-group-item-warning" : ""}` },
      h(
        "div",
        { class: "flex-grow-1" },
        h("div", { class: "fw-semibold" }, byKey[key].text),
        h("div", {}, shownAnswer(byKey[key], cleaned[key])),
        errors[key] ? h("div", { class: "small text-danger" }, errors[key]) : null,
      ),
      editable ? h("a", { class: "btn btn-outline-primary tap", href: `#/i/${record.id}/q/${key}` }, "Change") : null,
    ),
  );
  const finish = h("button", { class: "btn btn-success btn-lg tap", type: "button", disabled: missing > 0 || !editable }, "Finish interview");
  finish.addEventListener("click", async () => {
    data.payload = buildPayload(app, record);
    data.finishedAt = new Date().toISOString();
    data.error = null;
    data.errors = null;
    data.refused = false;
    record.state = "ready";
    record.attempts = 0;
    record.nextAttemptAt = 0;
    await app.save(record);
    app.go("#/");
    app.sync.run();
  });
  const reopen = h("button", { class: "btn btn-outline-primary btn-lg tap", type: "button" }, "Reopen to change");
  reopen.addEventListener("click", async () => {
    record.state = "draft";
    delete data.payload;
    await app.save(record);
    renderReview(app, root, record);
  });
  render(root, 
    header(app, data),
    h("h2", { class: "h5" }, "Review"),
    h(
      "p",
      { class: missing ? "alert alert-warning" : "alert alert-info" },
      missing
        ? `${missing} question${missing === 1 ? " needs" : "s need"} an answer before the interview can be finished.`
        : `${Object.keys(cleaned).length} of ${visible.length} questions answered. Check with the worker, then finish.`,
    ),
    h(
      "p",
      {},
      h("a", { class: "btn btn-outline-secondary tap me-2", href: `#/i/${record.id}/consent` }, "Consent"),
      h("a", { class: "btn btn-outline-secondary tap", href: `#/i/${record.id}/about` }, "About this interview"),
    ),
    h("ul", { class: "list-group mb-3 review-list" }, rows),
    h(
      "div",
      { class: "d-flex flex-wrap gap-2" },
      editable ? finish : null,
      !editable && ["ready", "error"].includes(record.state) ? reopen : null,
      h("a", { class: "btn btn-outline-secondary btn-lg tap", href: "#/" }, "Back to the day"),
    ),
  );
}
