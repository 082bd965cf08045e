// Copies text to the clipboard. navigator.clipboard exists only in secure contexts (HTTPS or localhost); a portal
// served over plain HTTP inside a company network has none, so fall back to a selected textarea and execCommand.
export async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Permission refused or the document lost focus: try the fallback.
        }
    }
    const focused = document.activeElement;
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try {
        copied = document.execCommand("copy");
    } catch {
        copied = false;
    }
    area.remove();
    if (focused instanceof HTMLElement) {
        focused.focus();
    }
    return copied;
}
