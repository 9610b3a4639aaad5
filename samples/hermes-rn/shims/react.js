// Stand-in for react: react-native-agora's views import it; the sample renders nothing.
export class Component { constructor(props) { this.props = props; } }
export class PureComponent extends Component {}
export const createElement = (type, props, ...children) => ({ type, props, children });
export const forwardRef = (fn) => fn;
export const useRef = () => ({ current: null });
export const useEffect = () => {};
export default { Component, PureComponent, createElement, forwardRef, useRef, useEffect };
