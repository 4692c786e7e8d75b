import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/zod-config.ts';
import './i18n/index.ts';
import './styles.css';
import { App } from './app/app.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
