// Functions that overwrite their own binding: Babel's async helper pair
//   function getEngine() { return _getEngine.apply(this, arguments); }
//   function _getEngine() { return (_getEngine = _asyncToGenerator(function* () { … })).apply(this, arguments); }
// (and any lazy definition `function f() { f = impl; return impl.apply(this, arguments); }`). The closure variable
// `_getEngine` holds the function and then its replacement, whose calls give what the function's first call gives;
// a closure slot with two different values is unknown to the model, so the store a function makes into its own
// binding is left out: the slot keeps the function, and calling it gives what it returns.
// The binding of function F: the first environment slot the walks saw F's closure stored into.

export class SelfBindings {
  private bindings = new Map<number, { env: object; slot: number }>();

  reset(): void {
    this.bindings.clear();
  }

  /** A closure of function `f` is stored into `slot` of `env`. */
  stored(f: number, env: object, slot: number): void {
    if (!this.bindings.has(f)) this.bindings.set(f, { env, slot });
  }

  /** True when function `fn` stores into its own binding (the store is left out). */
  isOwn(fn: number, env: object, slot: number): boolean {
    const b = this.bindings.get(fn);
    return b !== undefined && b.env === env && b.slot === slot;
  }
}
