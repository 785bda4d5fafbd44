// The interview's first screens: consent (nothing starts before it), then "about this interview".
// Every change is saved at once, encrypted, to the outbox; "Pause" goes back to the day.

import { h, render } from "./dom.js";
import { GROUP_MAX, PHONE_PATTERN, check, field, header, languageName, showErrors, today } from "./parts.js";
import { cleanAnswers } from "./rules.js";

// --- consent -------------------------------------------------------------------------------------

export function renderConsent(app, root, { record = null, start = null }) {
  const data = record ? record.data : start;
  const definition = app.definition(data.versionId);
  const engagement = app.engagement(data.engagement);
  const consent = data.consent || {};
  const isGroup = data.kind === "group";
  const canFollowUp = data.kind === "worker";
  const translated = new Set(definition ? definition.languages : ["en"]);
  const language = data.language || "en";

  const languageSelect = h(
    "select",
    { class: "form-select form-select-lg", name: "language" },
    app.choices.languages.map((option) =>
      h(
        "option",
        { value: option.value, selected: option.value === language },
        translated.has(option.value) || option.value === "en" ? option.label : `${option.label} (questions in English only)`,
      ),
    ),
  );
  const thirdParty = h("input", { class: "form-control", name: "third_party", maxlength: 200, value: consent.third_party || "" });
  const thirdPartyField = field("Name of the third party", thirdParty);
  const phone = h("input", {
    class: "form-control",
    name: "phone",
    type: "tel",
    inputmode: "tel",
    autocomplete: "off",
    maxlength: 40,
    value: (data.identity && data.identity.phone) || "",
  });
  const phoneField = field("Phone number for the follow-up call (optional)", phone, {
    help: "Kept apart from the answers, encrypted in the identity vault. Only with this consent.",
  });
  const followUp = engagement && engagement.follow_up;

  const form = h(
    "form",
    { novalidate: true, class: "consent-form", "aria-labelledby": "consent-h" },
    h("h2", { id: "consent-h", class: "h5" }, isGroup ? "Consent of the group" : "Consent"),
    h(
      "p",
      { class: "alert alert-info" },
      "Consent comes first: no answer can be recorded before it. Read the information letter, answer questions, and make clear that taking part is voluntary.",
    ),
    h(
      "fieldset",
      { class: "mb-3" },
      h("legend", { class: "form-label fw-semibold fs-6" }, isGroup ? "Everyone in the group gave consent" : "Consent given"),
      h(
        "div",
        { class: "d-flex flex-wrap gap-2" },
        app.choices.consent_kind.map((option) =>
          h(
            "label",
            { class: "option-tile flex-fill" },
            h("input", { type: "radio", name: "kind", value: option.value, checked: consent.kind === option.value }),
            h("span", {}, option.label),
          ),
        ),
      ),
      h("div", { class: "invalid-feedback", dataset: { errorFor: "kind" } }),
    ),
    field("Witnessed by", h("input", { class: "form-control", name: "witnessed_by", maxlength: 200, value: consent.witnessed_by || "" })),
    field("Date", h("input", { class: "form-control", name: "given_on", type: "date", value: consent.given_on || today() })),
    field("Language of the interview", languageSelect, {
      help: "The questions show in this language beside English where the questionnaire is translated.",
    }),
    definition && app.versions(data.engagement, data.kind).length > 1
      ? field(
          "Questionnaire",
          h(
            "select",
            { class: "form-select", name: "version" },
            app.versions(data.engagement, data.kind).map((v) =>
              h("option", { value: v.id, selected: v.id === data.versionId }, `${v.title} (version ${v.number})`),
            ),
          ),
        )
      : null,
    check("The answers may be used in the report (aggregated)", "use_in_report", consent.use_in_report !== false),
    check("Anonymous quotes may be used", "anonymous_quotes", Boolean(consent.anonymous_quotes)),
    check("May be shared with a named third party", "share_with_third_party", Boolean(consent.share_with_third_party)),
    thirdPartyField,
    canFollowUp ? check("Agrees to a follow-up call about retaliation", "follow_up_calls", Boolean(consent.follow_up_calls)) : null,
    canFollowUp ? phoneField : null,
    followUp && followUp.number
      ? h(
          "div",
          { class: "alert alert-secondary follow-up-line" },
          h("strong", {}, "Free follow-up number to give: "),
          h("span", { class: "fs-5" }, followUp.number),
          followUp.hours ? h("div", { class: "small" }, followUp.hours) : null,
          followUp.answered_by ? h("div", { class: "small" }, `Answered by ${followUp.answered_by}`) : null,
        )
      : null,
    h(
      "div",
      { class: "d-flex flex-wrap gap-2 mt-3" },
      h("button", { class: "btn btn-primary btn-lg tap", type: "submit" }, record ? "Save consent and continue" : "Record consent and continue"),
      h("a", { class: "btn btn-outline-secondary btn-lg tap", href: "#/" }, "Cancel"),
    ),
  );

  const sharing = form.querySelector('[name="share_with_third_party"]');
  const follow = form.querySelector('[name="follow_up_calls"]');
  const toggle = () => {
    thirdPartyField.hidden = !sharing.checked;
    phoneField.hidden = !(follow && follow.checked);
  };
  sharing.addEventListener("change", toggle);
  if (follow) {
    follow.addEventListener("change", toggle);
  }
  toggle();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const chosen = values.get("language") || "en";
    const next = {
      kind: values.get("kind") || "",
      witnessed_by: String(values.get("witnessed_by") || "").trim(),
      given_on: String(values.get("given_on") || ""),
      language: languageName(app, chosen),
      use_in_report: values.has("use_in_report"),
      anonymous_quotes: values.has("anonymous_quotes"),
      share_with_third_party: values.has("share_with_third_party"),
      third_party: values.has("share_with_third_party") ? String(values.get("third_party") || "").trim() : "",
      follow_up_calls: canFollowUp && values.has("follow_up_calls"),
    };
    const phoneNumber = next.follow_up_calls ? String(values.get("phone") || "").trim() : "";
    const errors = {};
    if (!next.kind) {
      errors.kind = "Choose how consent was given.";
    }
    if (!next.witnessed_by) {
      errors.witnessed_by = "Say who witnessed the consent.";
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(next.given_on)) {
      errors.given_on = "Enter the date consent was given.";
    }
    if (next.share_with_third_party && !next.third_party) {
      errors.third_party = "Name the third party the worker agreed to share with.";
    }
    if (phoneNumber && (!PHONE_PATTERN.test(phoneNumber) || phoneNumber.replace(/\D/g, "").length < 6)) {
      errors.phone = "Enter a phone number: digits, with + and spaces if needed.";
    }
    if (!showErrors(form, errors)) {
      return;
    }
    const versionId = values.get("version") || data.versionId;
    const identity = phoneNumber ? { phone: phoneNumber } : null;
    if (record) {
      Object.assign(record.data, { consent: next, identity, language: chosen, versionId });
      await app.save(record);
      app.go(`#/i/${record.id}/about`);
    } else {
      const created = await app.outbox.create(data.engagement, {
        ...data,
        versionId,
        consent: next,
        identity,
        language: chosen,
        answers: {},
        demographics: {},
        group: null,
      });
      app.go(`#/i/${created.id}/about`);
    }
  });

  render(root, header(app, data), form);
}

// --- about this interview ------------------------------------------------------------------------

function select(name, options, value, blank = "—") {
  return h(
    "select",
    { class: "form-select", name },
    h("option", { value: "" }, blank),
    options.map((option) => h("option", { value: option.value, selected: option.value === value }, option.label)),
  );
}

function countryOptions(app, engagement, value) {
  const origins = new Set(engagement.origin_countries);
  const first = app.choices.countries.filter((c) => origins.has(c.value));
  return h(
    "select",
    { class: "form-select", name: "nationality" },
    h("option", { value: "" }, "—"),
    h("optgroup", { label: "Countries of origin in this assessment" }, first.map((c) => h("option", { value: c.value, selected: c.value === value }, c.label))),
    h(
      "optgroup",
      { label: "All countries" },
      app.choices.countries.filter((c) => !origins.has(c.value)).map((c) => h("option", { value: c.value, selected: c.value === value }, c.label)),
    ),
  );
}

function asksInQuestionnaire(definition, key) {
  return definition.questions.some((question) => question.key === key);
}

function siteField(app, data, engagement) {
  const slot = data.slot ? app.slot(data.slot) : null;
  if (slot) {
    return h("p", { class: "mb-3" }, h("span", { class: "fw-semibold" }, "Site: "), slot.site);
  }
  if (!engagement.sites.length) {
    return null;
  }
  return field(
    "Site",
    select(
      "site",
      engagement.sites.map((site) => ({ value: site, label: site })),
      (data.demographics || {}).site || "",
    ),
  );
}

function countInput(name, value) {
  return h("input", { class: "form-control count", type: "number", name, min: 0, max: GROUP_MAX, inputmode: "numeric", value: value ?? "" });
}

function groupFields(app, data, engagement) {
  const group = data.group || { participants: "", composition: {} };
  const composition = group.composition || {};
  const genders = composition.gender || {};
  const nationalities = composition.nationality || {};
  const others = Object.keys(nationalities).filter((code) => !engagement.origin_countries.includes(code));
  const countryName = (code) => (app.choices.countries.find((c) => c.value === code) || { label: code }).label;
  return [
    h("p", { class: "text-body-secondary" }, "A group interview keeps counts only: how many took part, and how many of each group. No names, no one's own answers."),
    field("Number of participants", countInput("participants", group.participants)),
    h(
      "fieldset",
      { class: "mb-3" },
      h("legend", { class: "form-label fw-semibold fs-6" }, "By gender"),
      h(
        "div",
        { class: "row g-2" },
        app.choices.gender.map((option) =>
          h("div", { class: "col-6 col-md-3" }, field(option.label, countInput(`gender.${option.value}`, genders[option.value]))),
        ),
      ),
      h("div", { class: "invalid-feedback", dataset: { errorFor: "gender" } }),
    ),
    h(
      "fieldset",
      { class: "mb-3" },
      h("legend", { class: "form-label fw-semibold fs-6" }, "By nationality"),
      h(
        "div",
        { class: "row g-2" },
        [...engagement.origin_countries, ...others].map((code) =>
          h("div", { class: "col-6 col-md-3" }, field(countryName(code), countInput(`nationality.${code}`, nationalities[code]))),
        ),
        h(
          "div",
          { class: "col-12 col-md-6" },
          field(
            "Another nationality",
            h(
              "select",
              { class: "form-select", name: "other_country" },
              h("option", { value: "" }, "—"),
              app.choices.countries
                .filter((c) => !engagement.origin_countries.includes(c.value) && !others.includes(c.value))
                .map((c) => h("option", { value: c.value }, c.label)),
            ),
          ),
        ),
        h("div", { class: "col-6 col-md-3" }, field("How many", countInput("other_count", ""))),
      ),
      h("div", { class: "invalid-feedback", dataset: { errorFor: "nationality" } }),
    ),
  ];
}

function readGroup(form) {
  const values = new FormData(form);
  const participants = values.get("participants") === "" ? null : Number(values.get("participants"));
  const composition = { gender: {}, nationality: {} };
  const errors = {};
  for (const [name, raw] of values.entries()) {
    const [dimension, key] = name.split(".");
    if (!key || !(dimension in composition) || raw === "") {
      continue;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) {
      errors[name] = "A whole number, 0 or more.";
      continue;
    }
    if (n > 0) {
      composition[dimension][key] = n;
    }
  }
  const other = values.get("other_country");
  const otherCount = values.get("other_count");
  if (other && otherCount !== "") {
    const n = Number(otherCount);
    if (!Number.isInteger(n) || n < 0) {
      errors.other_count = "A whole number, 0 or more.";
    } else if (n > 0) {
      composition.nationality[other] = n;
    }
  }
  if (!Number.isInteger(participants) || participants < 2 || participants > GROUP_MAX) {
    errors.participants = `A group has between 2 and ${GROUP_MAX} participants.`;
  } else {
    for (const dimension of ["gender", "nationality"]) {
      const total = Object.values(composition[dimension]).reduce((a, b) => a + b, 0);
      if (total > participants) {
        errors[dimension] = `These counts add up to ${total}, more than the ${participants} participants.`;
      }
    }
  }
  for (const dimension of Object.keys(composition)) {
    if (!Object.keys(composition[dimension]).length) {
      delete composition[dimension];
    }
  }
  return { group: { participants, composition }, errors };
}

export function renderAbout(app, root, record) {
  const data = record.data;
  const definition = app.definition(data.versionId);
  const engagement = app.engagementOrBlank(record.engagement);
  const d = data.demographics || {};
  const thisYear = new Date().getFullYear();
  let fields;
  if (data.kind === "group") {
    fields = [siteField(app, data, engagement), ...groupFields(app, data, engagement)];
  } else if (data.kind === "worker") {
    fields = [
      siteField(app, data, engagement),
      field("Nationality", countryOptions(app, engagement, d.nationality || "")),
      asksInQuestionnaire(definition, "gender") ? null : field("Gender", select("gender", app.choices.gender, d.gender || "")),
      asksInQuestionnaire(definition, "age_band") ? null : field("Age band", select("age_band", app.choices.age_band, d.age_band || "")),
      field("Recruiter", h("input", { class: "form-control", name: "recruiter", maxlength: 120, value: d.recruiter || "" }), {
        help: "The labour recruiter or agency that placed the worker, as they name it.",
      }),
      field("Year recruited", h("input", { class: "form-control", name: "recruitment_year", type: "number", inputmode: "numeric", min: 1950, max: thisYear, value: d.recruitment_year ?? "" })),
      field("Contract type", select("contract_type", app.choices.contract_type, d.contract_type || "")),
      field("Department", h("input", { class: "form-control", name: "department", maxlength: 120, value: d.department || "" })),
    ];
  } else {
    fields = [siteField(app, data, engagement)];
  }
  const form = h(
    "form",
    { novalidate: true, "aria-labelledby": "about-h" },
    h("h2", { id: "about-h", class: "h5" }, "About this interview"),
    data.kind === "worker"
      ? h("p", { class: "text-body-secondary" }, "Asked once, for the disaggregated figures. Gender and age are asked in the questionnaire when it has those questions.")
      : null,
    fields,
    h(
      "div",
      { class: "d-flex flex-wrap gap-2 mt-3" },
      h("button", { class: "btn btn-primary btn-lg tap", type: "submit" }, "Continue to the questions"),
      h("a", { class: "btn btn-outline-secondary btn-lg tap", href: `#/i/${record.id}/consent` }, "Back to consent"),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const errors = {};
    const demographics = {};
    for (const name of ["site", "nationality", "gender", "age_band", "recruiter", "department", "contract_type"]) {
      const value = String(values.get(name) || "").trim();
      if (value) {
        demographics[name] = value;
      }
    }
    const year = String(values.get("recruitment_year") || "").trim();
    if (year) {
      const n = Number(year);
      if (!Number.isInteger(n) || n < 1950 || n > thisYear) {
        errors.recruitment_year = "Enter a year between 1950 and this year.";
      } else {
        demographics.recruitment_year = n;
      }
    }
    let group = null;
    if (data.kind === "group") {
      const read = readGroup(form);
      Object.assign(errors, read.errors);
      group = read.group;
      for (const key of Object.keys(demographics)) {
        if (key !== "site") {
          delete demographics[key];
        }
      }
    }
    if (!showErrors(form, errors)) {
      return;
    }
    Object.assign(record.data, { demographics, group, aboutDone: true });
    await app.save(record);
    const first = cleanAnswers(definition.questions, data.answers, app.currencies).visible[0];
    app.go(first ? `#/i/${record.id}/q/${first}` : `#/i/${record.id}/review`);
  });
  render(root, header(app, data), form);
}
