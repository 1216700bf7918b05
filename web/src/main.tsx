// Entry of the web UI: citizen pages load with it; admin pages come in a separate chunk on demand.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyToDocument, storedElderly, storedLang } from './ui/prefs.tsx';
import './ui/styles.css';

applyToDocument(storedLang(), storedElderly());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
