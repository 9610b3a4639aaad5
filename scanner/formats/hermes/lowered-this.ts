// `this` in classes as Babel lowers them (@react-native/babel-preset, every React Native release bundle): a derived
// constructor `function C(props) { _classCallCheck(this, C); _this = _callSuper(this, C, [props]); … return _this; }`
// holds its instance in `_this`, which class-property arrows capture. hermesc -O inlines the module's `_callSuper`,
// leaving `_this = _possibleConstructorReturn(this, Reflect.construct(…))`. The helpers (inlined per module or from
// @babel/runtime as `(0, _x.default)(…)`, minified or not) are recognised by their arguments, never by name:
// `helper(this, C)` inside C marks C as a lowered constructor, and there every helper call that is handed `this`
// first (`_possibleConstructorReturn`, `_assertThisInitialized`, `_defineProperty`) gives `this` back.

/** What the model needs of a register value here. */
interface Value {
  as: { kind: string };
  closure: number | undefined;
}

/** The callee of a call: a plain function, or a member (`(0, _m.default)`, `obj.call`). */
interface Callee {
  member: { prop: string } | undefined;
}

export class LoweredConstructors {
  private readonly known = new Set<number>();

  reset(): void {
    this.known.clear();
  }

  /** The value a call in function `running` gives, when it is one of Babel's class helpers handing `this` back. */
  thisFromHelper(running: number, callee: Callee, args: readonly Value[]): Value | undefined {
    const first = args[0];
    if (!first || first.as.kind !== 'this') return undefined;
    // `helper(this, C)` inside C: _classCallCheck / _callSuper.
    if (args[1]?.closure === running) this.known.add(running);
    if (!this.known.has(running)) return undefined;
    // A plain function or a module's export (`(0, _x.default)`); never a method such as `fn.call(this, …)`.
    return callee.member === undefined || callee.member.prop === 'default' ? first : undefined;
  }
}
