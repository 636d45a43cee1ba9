import type { MessageKey } from './vi';

export const en: Record<MessageKey, string> = {
  'app.name': 'Chancery',
  'app.tagline': "Documents and meetings for People's Councils",
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to main content',
  'app.offline.title': 'Cannot reach the server',
  'app.offline.body': 'Please check the Wi-Fi connection and try again.',
  'app.retry': 'Try again',

  // Named in the language it switches to (the button carries lang="vi").
  'lang.switchTo': 'Tiếng Việt',
  'lang.switchLabel': 'Chuyển sang tiếng Việt',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',

  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.showPassword': 'Show password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.usernameRequired': 'Please enter your username.',
  'login.passwordRequired': 'Please enter your password.',
  'login.sessionExpired': 'Your session has expired. Please log in again.',

  'user.menu': 'Account: {name}',
  'user.logout': 'Log out',
  'user.loggingOut': 'Logging out…',

  'home.title': 'Home',
  'home.greeting': 'Hello, {name}',
  'home.account': 'Account',
  'home.position': 'Position',
  'home.unit': 'Unit',
  'home.roles': 'Roles',
  'home.username': 'Username',
  'home.noUnit': 'Not in any unit',

  'notFound.title': 'Page not found',
  'notFound.body': 'Chancery has no page at this address.',
  'notFound.home': 'Go to the home page',

  'role.admin': 'Administrator',
  'role.clerk': 'Clerk',
  'role.specialist': 'Specialist',
  'role.leader': 'Leader',
  'role.delegate': 'Delegate',
  'role.chair': 'Chair',
  'role.secretary': 'Secretary',

  'error.invalid_credentials': 'Wrong username or password.',
  'error.too_many_attempts': 'Too many failed attempts. Please try again in {seconds} seconds.',
  'error.too_many_attempts_minutes': 'Too many failed attempts. Please try again in {minutes} minutes.',
  'error.too_many_attempts_later': 'Too many failed attempts. Please try again in a few minutes.',
  'error.network': 'Cannot reach the server. Please check the Wi-Fi connection and try again.',
  'error.timeout': 'The server took too long to answer. Please try again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.unavailable': 'The server is busy. Please try again in a moment.',
  'error.unknown': 'Something went wrong (code: {code}). Please try again.',
};
