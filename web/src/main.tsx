import { render } from 'preact';
import { App } from './app';
import { loadSession } from './session';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

render(<App />, document.getElementById('app')!);
void loadSession();
