// Remembers the chosen theme for a year. The server reads the cookie on the next request (App.razor), so the page is
// rendered in that theme from the first byte.
export function rememberTheme(name, value) {
    document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}
