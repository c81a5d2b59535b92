// Cesium loads its workers and assets from CESIUM_BASE_URL. The build copies them to ./cesium/ next to
// index.html, so the same relative URL works under http://127.0.0.1:PORT/ and app://cityops/.
(globalThis as { CESIUM_BASE_URL?: string }).CESIUM_BASE_URL = new URL('cesium/', document.baseURI).href;
export {};
