// Skip logic and answer validation, exactly as the server judges them:
//   interviews/questionnaires/rules.py   evaluate, visible_keys
//   interviews/questionnaires/answers.py clean_value, clean_answers
// The tablet checks first so the interviewer hears about a mistake at once; the server decides.

export const MAX_NUMBER = 1000000000;
export const MAX_TEXT = 4000;
const AMOUNT_PATTERN = /^[0-9]{1,13}(\.[0-9]{1,2})?$/;
const DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_PATTERN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const MIN_YEAR = 1940;
const MAX_YEAR = 2100;
const MAX_AMOUNT = 1e12;

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// rules._answered: what counts as an answer for skip logic.
function answered(value) {
  if (value === null || value === undefined || value === "") {
    return false;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (isPlainObject(value)) {
    return Object.keys(value).length > 0;
  }
  return true;
}

function asChoice(value) {
  if (typeof value === "boolean") {
    return value ? "yes" : "no";
  }
  return String(value);
}

// rules.evaluate: whether a question with this skip rule is shown, given the answers so far.
export function evaluate(rule, answers) {
  if (!rule || (isPlainObject(rule) && Object.keys(rule).length === 0)) {
    return true;
  }
  const answer = answers[rule.question];
  if (!answered(answer)) {
    return false;
  }
  const op = rule.op;
  const value = String(rule.value);
  if (op === "equals" || op === "not_equals") {
    return (asChoice(answer) === value) === (op === "equals");
  }
  if (op === "contains" || op === "not_contains") {
    const chosen = new Set(Array.isArray(answer) ? answer.map(asChoice) : [asChoice(answer)]);
    return chosen.has(value) === (op === "contains");
  }
  throw new Error(`Unknown skip-logic operator: ${op}`);
}

// answers._unanswered: nothing given (blank text included).
export function unanswered(value) {
  if (value === null || value === undefined) {
    return true;
  }
  if (typeof value === "string") {
    return value.trim() === "";
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return isPlainObject(value) && Object.keys(value).length === 0;
}

class Invalid extends Error {}

function optionValues(question) {
  return (question.options || []).map((option) => String(option.value));
}

function choice(question, value) {
  if (typeof value !== "string" || !optionValues(question).includes(value)) {
    throw new Invalid("Choose one of the options.");
  }
  return value;
}

function choices(question, value) {
  const values = optionValues(question);
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new Invalid("Choose options from the list.");
  }
  const unknown = value.filter((v) => !values.includes(v));
  if (unknown.length) {
    throw new Invalid(`These are not options of this question: ${unknown.slice(0, 5).join(", ")}.`);
  }
  if (new Set(value).size !== value.length) {
    throw new Invalid("An option is chosen twice.");
  }
  return values.filter((v) => value.includes(v));
}

function number(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Invalid("Enter a number.");
  }
  if (value < 0) {
    throw new Invalid("The number cannot be negative.");
  }
  if (value > MAX_NUMBER) {
    throw new Invalid("The number is too large.");
  }
  return value;
}

function money(value, currencies) {
  if (!isPlainObject(value) || Object.keys(value).sort().join() !== "amount,currency") {
    throw new Invalid("Enter an amount and its currency.");
  }
  let { amount, currency } = value;
  if (typeof amount !== "string" || !amount.trim()) {
    throw new Invalid("Enter the amount as digits, for example 1500 or 1500.50.");
  }
  amount = amount.trim();
  if (amount.startsWith("-")) {
    throw new Invalid("The amount cannot be negative.");
  }
  if (!AMOUNT_PATTERN.test(amount)) {
    throw new Invalid("Enter the amount as digits, with at most two decimals, for example 1500 or 1500.50.");
  }
  if (Number(amount) > MAX_AMOUNT) {
    throw new Invalid("The amount is too large.");
  }
  if (typeof currency !== "string" || !currency.trim()) {
    throw new Invalid("Choose the currency.");
  }
  const code = currency.trim().toUpperCase();
  if (!CURRENCY_PATTERN.test(code) || (currencies && !currencies.has(code))) {
    throw new Invalid(`“${code.slice(0, 8)}” is not a currency code (ISO 4217, such as MMK or THB).`);
  }
  // As Python's format(Decimal(amount), "f"): no leading zeros, the decimals as given.
  return { amount: amount.replace(/^0+(?=\d)/, ""), currency: code };
}

function isoDate(value) {
  if (typeof value !== "string" || !DATE_PATTERN.test(value.trim())) {
    throw new Invalid("Enter a date as YYYY-MM-DD.");
  }
  const text = value.trim();
  const [year, month, day] = text.split("-").map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    throw new Invalid("This date does not exist.");
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new Invalid(`Enter a year between ${MIN_YEAR} and ${MAX_YEAR}.`);
  }
  return text;
}

function text(value) {
  if (typeof value !== "string") {
    throw new Invalid("Enter text.");
  }
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT) {
    throw new Invalid(`Keep the answer under ${MAX_TEXT} characters.`);
  }
  if (CONTROL_PATTERN.test(trimmed)) {
    throw new Invalid("The text contains characters that cannot be stored.");
  }
  return trimmed;
}

// answers.clean_value: one answer normalised, or an Error whose message says what is wrong.
export function cleanValue(question, value, currencies) {
  try {
    switch (question.type) {
      case "single_choice":
      case "yes_no":
        return { value: choice(question, value) };
      case "multiple_choice":
        return { value: choices(question, value) };
      case "number":
        return { value: number(value) };
      case "money":
        return { value: money(value, currencies) };
      case "date":
        return { value: isoDate(value) };
      case "text":
        return { value: text(value) };
      default:
        return { error: "This question cannot be answered." };
    }
  } catch (error) {
    if (error instanceof Invalid) {
      return { error: error.message };
    }
    throw error;
  }
}

// answers.clean_answers: the answers of visible questions, normalised, and the errors by question key.
export function cleanAnswers(questions, answers, currencies) {
  const cleaned = {};
  const errors = {};
  const visible = [];
  for (const question of questions) {
    if (!evaluate(question.show_if, cleaned)) {
      continue;
    }
    visible.push(question.key);
    const value = answers[question.key];
    if (unanswered(value)) {
      if (question.required) {
        errors[question.key] = "This question needs an answer.";
      }
      continue;
    }
    const result = cleanValue(question, value, currencies);
    if (result.error) {
      errors[question.key] = result.error;
      continue;
    }
    if (!unanswered(result.value)) {
      cleaned[question.key] = result.value;
    } else if (question.required) {
      errors[question.key] = "This question needs an answer.";
    }
  }
  return { cleaned, errors, visible };
}

// rules.visible_keys: the questions shown, in order, given the answers (answers to hidden ones count as not given).
export function visibleKeys(questions, answers) {
  const shown = [];
  const effective = {};
  for (const question of questions) {
    if (evaluate(question.show_if, effective)) {
      shown.push(question.key);
      if (Object.prototype.hasOwnProperty.call(answers, question.key)) {
        effective[question.key] = answers[question.key];
      }
    }
  }
  return shown;
}
