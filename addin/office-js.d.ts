// Office.js is a global from Microsoft's CDN; its types are made global for the add-in here (tsconfig lists only node and jest).
/// <reference types="office-js" />
