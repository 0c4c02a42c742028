/**
 * The part of ICU MessageFormat our messages use — `{name}` arguments and `{n, plural, =0 {…} one {…} …}`
 * with `#` — formatted with the browser's own Intl.PluralRules. For client pages that must stay small
 * (the quiz): next-intl's client runtime with its full ICU parser costs ~12 KB gzipped there. A test checks
 * it against next-intl's formatting for every message it is given.
 */

export type Values = Record<string, string | number>;

type Part = string | { arg: string } | { arg: string; plural: Record<string, Part[]> };

const cache = new Map<string, Part[]>();
const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The locale's number format, made once (making one costs more than formatting with it many times). */
function numbers(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f;
}

/** Reads a message into parts; throws on a shape it does not support (a test runs every message through it). */
export function parse(message: string): Part[] {
  const cached = cache.get(message);
  if (cached) return cached;
  let i = 0;
  const parts = (inPlural: boolean): Part[] => {
    const out: Part[] = [];
    let text = "";
    while (i < message.length) {
      const c = message[i];
      if (c === "'" && (message[i + 1] === "{" || message[i + 1] === "}" || message[i + 1] === "'" || (inPlural && message[i + 1] === "#"))) {
        // ICU quoting: '' is a quote; '{…}' is literal up to the next lone quote.
        if (message[i + 1] === "'") {
          text += "'";
          i += 2;
          continue;
        }
        const end = message.indexOf("'", i + 1);
        if (end === -1) throw new SyntaxError(`unclosed quote in ${JSON.stringify(message)}`);
        text += message.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (c === "}") break;
      if (c === "#" && inPlural) {
        if (text) out.push(text);
        text = "";
        out.push({ arg: "#" });
        i++;
        continue;
      }
      if (c !== "{") {
        text += c;
        i++;
        continue;
      }
      if (text) out.push(text);
      text = "";
      const close = /^\{\s*([\w]+)\s*(?:,\s*(\w+)\s*,?)?/.exec(message.slice(i));
      if (!close) throw new SyntaxError(`bad argument in ${JSON.stringify(message)}`);
      const [whole, arg, kind] = close;
      i += whole.length;
      if (!kind) {
        if (message[i] !== "}") throw new SyntaxError(`bad argument in ${JSON.stringify(message)}`);
        i++;
        out.push({ arg });
        continue;
      }
      if (kind !== "plural") throw new SyntaxError(`unsupported argument type ${kind} in ${JSON.stringify(message)}`);
      const plural: Record<string, Part[]> = {};
      for (;;) {
        while (/\s/.test(message[i] ?? "")) i++;
        if (message[i] === "}") {
          i++;
          break;
        }
        const sel = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(message.slice(i));
        if (!sel) throw new SyntaxError(`bad plural branch in ${JSON.stringify(message)}`);
        i += sel[0].length;
        plural[sel[1]] = parts(true);
        if (message[i] !== "}") throw new SyntaxError(`unclosed plural branch in ${JSON.stringify(message)}`);
        i++;
      }
      if (!plural.other) throw new SyntaxError(`plural without other in ${JSON.stringify(message)}`);
      out.push({ arg, plural });
    }
    if (text) out.push(text);
    return out;
  };
  const result = parts(false);
  if (i !== message.length) throw new SyntaxError(`unbalanced } in ${JSON.stringify(message)}`);
  cache.set(message, result);
  return result;
}

function rules(locale: string): Intl.PluralRules {
  let r = pluralRules.get(locale);
  if (!r) pluralRules.set(locale, (r = new Intl.PluralRules(locale)));
  return r;
}

function render(locale: string, parts: Part[], values: Values, hash: number | null): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "string") out += p;
    else if (p.arg === "#" && hash !== null) out += numbers(locale).format(hash);
    else if ("plural" in p) {
      const n = Number(values[p.arg]);
      const branch = p.plural[`=${n}`] ?? p.plural[rules(locale).select(n)] ?? p.plural.other;
      out += render(locale, branch, values, n);
    } else {
      const v = values[p.arg];
      // A plain argument prints as given, numbers too ("port 8080"); only `#` in a plural is a formatted number.
      out += v === undefined ? `{${p.arg}}` : String(v);
    }
  }
  return out;
}

export function formatMessage(locale: string, message: string, values: Values = {}): string {
  return render(locale, parse(message), values, null);
}
