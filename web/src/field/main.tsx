import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FieldApp } from './FieldApp.tsx';
import './field.css';

// 城管通: the supervisors' installable field app at /field/ (issue #12). The service worker
// (field/sw.js, written by the build) keeps the app shell for starting with the network off.
if ('serviceWorker' in navigator && import.meta.env.PROD)
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => {
      console.warn('service worker not registered', e);
    });
  });

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
