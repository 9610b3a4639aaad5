// The name a string literal is bound to, read from the source text just before its opening quote — for the readers
// that see literals without a syntax tree (the JS prefilter's tokenizer, the source-text reader of Kotlin, Java,
// Swift, Dart, Objective-C, Go, Python). The credential check gives a literal bound to `APP_ID` or `appSign` that
// role (checks/credentials.ts). The same forms the JS AST reader binds: declarations, assignments, object keys.

/** `name: Type = ` (Kotlin, Swift, TypeScript): the name before a type annotation. */
const TYPED = /([A-Za-z_$][\w$]*)\s*:\s*[A-Za-z_$][\w$.<>?[\], ]*?\s*=\s*@?$/;
/** `name = `, `name := `, `name: `, `"name": `, `'name' : ` (not `==`, `!=`, `<=`, `>=`, `=>`). */
const SIMPLE = /([A-Za-z_$][\w$]*)["']?\s*(?::=|:|(?<![=!<>])=)\s*@?$/;

/** `props[HTTPCookiePropertyKey.originURL] = `, `props[.originURL] = `, `params["uid"] = `: the key's last name. */
const SUBSCRIPT = /\[\s*\.?(?:[A-Za-z_$][\w$]*\.)*["']?([A-Za-z_$][\w$]*)["']?\s*\]\s*=\s*@?$/;

/** How far back the name may start: a declaration line, not the previous statement. */
const LOOKBACK = 96;

/** The name bound to the literal whose opening quote follows `before` (the text up to it), or undefined. */
export function bindingBefore(before: string): string | undefined {
  const tail = before.length > LOOKBACK ? before.slice(-LOOKBACK) : before;
  return TYPED.exec(tail)?.[1] ?? SIMPLE.exec(tail)?.[1] ?? SUBSCRIPT.exec(tail)?.[1];
}

