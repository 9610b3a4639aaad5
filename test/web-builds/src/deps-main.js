// A made-up shop page for the dependency-host fixtures: React DOM (CommonJS: a Rollup loader, a webpack module
// factory) and immer (an ES module: scope-hoisted statements) bundled with app code. The libraries carry hosts of
// their own (React's `https://react.dev/errors/…`, immer's `https://bit.ly/…`); the app's own URLs, one of them to
// a host React also names, must stay reported as the app's.
import { createRoot } from 'react-dom/client';
import { produce } from 'immer';

const CART_API = 'https://api.fixture-shop.io/v1/cart';
const HELP = 'https://react.dev/learn';

export function addItem(cart, item) {
  return produce(cart, (draft) => {
    draft.items.push(item);
  });
}

export async function mount(el) {
  const root = createRoot(el);
  const cart = await (await fetch(CART_API)).json();
  root.render(null);
  window.open(HELP);
  return cart;
}

window.shop = { addItem, mount };
