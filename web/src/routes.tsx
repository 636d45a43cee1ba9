// Every screen and every navigation entry. A new screen adds its route here, and a nav item
// only once the screen exists.
import type { NavItem } from './components/Nav';
import type { Route } from './router';
import { Home } from './screens/Home';
import { Login } from './screens/Login';

export const routes: Route[] = [
  { path: '/login', view: Login, public: true },
  { path: '/', view: Home },
];

export const nav: NavItem[] = [{ href: '/', label: 'nav.home' }];
