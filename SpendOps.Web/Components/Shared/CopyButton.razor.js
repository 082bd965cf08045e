// Copies text to the clipboard. navigator.clipboard only exists in secure contexts (HTTPS or localhost); a
// self-hosted portal on plain HTTP in an intranet has none, so fall back to a selected textarea and execCommand.
export async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Permission denied or document not focused: try the fallback below.
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
