// The kiosk page's entry: registers the app element; index.html places it.
import './app/crossroads-app.js';
