// Small page behaviours, bound here rather than in inline handlers (onfocus="…"), which the portal's
// Content-Security-Policy does not allow. Delegated from the document, so they also work on elements Blazor renders later.
document.addEventListener("focusin", event => {
    // A secret shown once is selected whole when focused, ready to copy.
    if (event.target instanceof HTMLInputElement && event.target.matches("[data-select-on-focus]"))
        event.target.select();
});
document.addEventListener("click", event => {
    if (event.target instanceof Element && event.target.closest("[data-print-page]"))
        window.print();
});
