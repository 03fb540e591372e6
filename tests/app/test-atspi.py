#!/usr/bin/python3
# test-atspi.py — the app as a screen reader meets it: every interactive
# object on screen has a usable name over AT-SPI (what Orca reads), in the
# main window's sections, the editors and dialogs, the designer and the
# main menu.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by test-atspi.sh, which starts the real phoneadmin (local mode, its
# own provd and data) in this D-Bus session and X display. The app is
# driven the way a user would: sections through the sidebar list's
# selection, buttons and menu items through their AT-SPI actions, rows by a
# double click (xdotool), since GTK 4.8 gives no focus or screen position
# over AT-SPI. Prints TAP.
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import pyatspi

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_LINK,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_TEXT, pyatspi.ROLE_TABLE_ROW,
}

results = []


def tap(ok, what, detail=""):
    results.append(ok)
    print("%s %d %s" % ("ok" if ok else "not ok", len(results), what))
    for line in detail.splitlines():
        print("# " + line)
    sys.stdout.flush()


def wait(cond, what, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        try:
            r = cond()
        except Exception:
            r = None
        if r:
            return r
        time.sleep(0.2)
    raise RuntimeError("timed out waiting for " + what)


def on_screen(node):
    # GTK 4.8 reports no "showing"; a widget that is not drawn has no size.
    try:
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    return e.width > 0 and e.height > 0


def verdict(node):
    """Why @node's name is unusable, or None."""
    name = node.name or ""
    # GTK 4.8 reads an unnamed widget by its type name ("GtkImage").
    if name.strip() == "" or re.fullmatch(r"(Gtk|Adw|Pa)[A-Z]\w+", name):
        return "no name"
    words = name.replace("_", "").split(" ")
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        return "name said twice"
    if "_" in name and re.search(r"(^|\s)_\w", name):
        return "mnemonic underline in the name"
    return None


def walk(node, path, out, depth=0):
    if depth > 80:
        return
    try:
        role = node.getRole()
        state = node.getState()
    except Exception:
        return
    focusable = state.contains(pyatspi.STATE_FOCUSABLE) and role != pyatspi.ROLE_SCROLL_PANE
    if (role in INTERACTIVE or focusable) and on_screen(node):
        out.append((verdict(node), node.getRoleName(), node.name, path))
    for i in range(node.childCount):
        c = node.getChildAtIndex(i)
        if c is not None:
            walk(c, path + "/" + (c.getRoleName() or "?") + ("[%s]" % c.name if c.name else ""),
                 out, depth + 1)


def check(node, label):
    out = []
    walk(node, label, out)
    bad = [o for o in out if o[0]]
    tap(len(out) > 0 and not bad,
        "%s: %d interactive objects, every one named" % (label, len(out)),
        "\n".join("%s: %s “%s” at %s" % o for o in bad) if bad else
        ("nothing interactive found" if not out else ""))


def find(node, role, name):
    try:
        if node.getRole() == role and node.name == name and on_screen(node):
            return node
    except Exception:
        return None
    for i in range(node.childCount):
        c = node.getChildAtIndex(i)
        if c is not None:
            r = find(c, role, name)
            if r:
                return r
    return None


def click(node):
    try:
        action = node.queryAction()
        if action.nActions == 0:
            raise NotImplementedError
    except NotImplementedError:
        # A menu button acts through the toggle inside it.
        for i in range(node.childCount):
            c = node.getChildAtIndex(i)
            if c.getRole() in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON):
                return click(c)
        raise
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            action.doAction(i)
            return
    action.doAction(0)


data = os.path.join(os.environ["XDG_DATA_HOME"], "phoneadmin", "provd")


def api(method, path, body=None):
    url = open(os.path.join(data, "provd.url")).read().strip()
    token = open(os.path.join(data, "admin-token")).read().strip()
    request = urllib.request.Request(
        url + "api/v1/" + path, method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as r:
        return json.loads(r.read() or b"null")


def upload_firmware(query, content):
    """POST api/v1/firmware/upload?@query with @content (bytes) as the file."""
    url = open(os.path.join(data, "provd.url")).read().strip()
    token = open(os.path.join(data, "admin-token")).read().strip()
    request = urllib.request.Request(
        url + "api/v1/firmware/upload?" + query, method="POST", data=content,
        headers={"Authorization": "Bearer " + token,
                 "Content-Type": "application/octet-stream"})
    with urllib.request.urlopen(request) as r:
        return json.loads(r.read())


def the_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == "phoneadmin":
            return a
    return None


def window_named(title):
    for i in range(app.childCount):
        w = app.getChildAtIndex(i)
        if w is not None and w.name == title and on_screen(w):
            return w
    return None


def named_nodes(node, name, out, depth=0):
    if depth > 80:
        return out
    try:
        if node.name == name:
            out.append(node)
        n = node.childCount
    except Exception:
        return out
    for i in range(n):
        c = node.getChildAtIndex(i)
        if c is not None:
            named_nodes(c, name, out, depth + 1)
    return out


def title_reads(text):
    """Whether a header of the main window has @text as its title."""
    # GTK 4.8 names an unnamed widget by its type: the headers' titles.
    return any(find(t, pyatspi.ROLE_LABEL, text) for t in titles)


# What each section's page shows once it is drawn: the rows the test
# created, or the empty state.
SECTION_SHOWS = {
    "Phones": (pyatspi.ROLE_TABLE_CELL, "Desk 0"),
    "Agents": (pyatspi.ROLE_TABLE_CELL, "Maria Lopez"),
    "Layouts": (pyatspi.ROLE_TABLE_CELL, "Reception keys"),
    "Profiles": (pyatspi.ROLE_TABLE_CELL, "Berlin office"),
    "Firmware": (pyatspi.ROLE_TABLE_CELL, "Office firmware"),
    "Discovered": (pyatspi.ROLE_LABEL, "No New Phones"),
}


def select_section(name):
    item = find(main, pyatspi.ROLE_LIST_ITEM, name)
    item.parent.querySelection().selectChild(item.getIndexInParent())
    # The window switches page and title together.
    wait(lambda: title_reads(name), "the %s section shown" % name)
    # Then its page is laid out in the next frame: its rows have a size.
    # (GTK 4.8 keeps the size of some objects on a page hidden again, but
    # that is where the page draws them when it is shown once more.)
    wait(lambda: find(main, *SECTION_SHOWS[name]), "the %s section drawn" % name)


def main_window_id():
    """The main window's X id. xdotool's search reads every window's name,
    and fails outright when one goes away meanwhile (a dialog just closed):
    asked again a few times before that counts."""
    for attempt in range(10):
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^PhoneAdmin$"],
                               capture_output=True)
        if found.returncode == 0 and found.stdout.split():
            return found.stdout.split()[0]
        time.sleep(0.2)
    raise RuntimeError("xdotool finds no window named PhoneAdmin")


def double_click(cell):
    e = cell.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    wid = main_window_id()
    geometry = dict(l.split("=") for l in subprocess.check_output(
        ["xdotool", "getwindowgeometry", "--shell", wid]).decode().split())
    x, y = int(geometry["X"]) + e.x + 10, int(geometry["Y"]) + e.y + e.height // 2
    subprocess.check_call(["xdotool", "mousemove", str(x), str(y),
                           "click", "--repeat", "2", "--delay", "80", "1"])


def close_with(window, title, button):
    close = find(window, pyatspi.ROLE_PUSH_BUTTON, button)
    tap(close is not None, "%s has a “%s” button" % (title, button))
    if close is None:
        return
    windows = app.childCount
    click(close)
    # GTK 4.8 crashes answering for the objects of a window being
    # destroyed: until it is gone, ask only the application how many
    # windows it shows (its root counts them without touching one), then
    # look at the windows left.
    wait(lambda: app.childCount < windows, title + " closed")
    wait(lambda: window_named(title) is None, title + " closed")


def check_window(title, close_button):
    window = wait(lambda: window_named(title), title)
    if close_button is not None:
        # Laid out: its header's button has a size.
        wait(lambda: find(window, pyatspi.ROLE_PUSH_BUTTON, close_button),
             "%s drawn" % title)
    # A modal window is announced as a dialog, not as a bare frame or filler.
    tap(window.getRole() == pyatspi.ROLE_DIALOG, "%s is a dialog" % title,
        "its role is %s" % window.getRoleName())
    check(window, title)
    if close_button is not None:
        close_with(window, title, close_button)
    return window


try:
    app = wait(the_app, "phoneadmin on the AT-SPI bus", 30)
    main = wait(lambda: window_named("PhoneAdmin"), "the main window")
    titles = wait(lambda: named_nodes(main, "AdwWindowTitle", []), "the main window's headers")
    agent = api("POST", "agents", {"name": "Maria Lopez", "extension": "201"})
    for i in range(2):
        api("POST", "phones", {"name": "Desk %d" % i, "mac": "80:5E:C0:00:00:1%d" % i,
                               "vendor": "yealink", "model": "yealink-t54w",
                               "agent_id": agent["id"] if i == 0 else None})
    api("POST", "layouts", {"name": "Reception keys", "model": "yealink-t54w", "keys": []})
    company = api("POST", "profiles", {"name": "Company", "timezone": "Europe/Berlin"})
    api("POST", "profiles", {"name": "Berlin office", "parent_id": company["id"],
                             "update_interval": None, "codecs": ["G722", "PCMU"],
                             "custom_params": {"snom": {"language": "Deutsch"}}})
    upload_firmware("vendor=yealink&models=yealink-t54w&version=96.86.0.150"
                    "&filename=T54W-96.86.0.150.rom&name=Office%20firmware", b"not a real image")
    # The list refreshes by itself.
    wait(lambda: find(main, pyatspi.ROLE_TABLE_CELL, "Desk 0"), "the phones listed", 30)

    for section in ("Phones", "Agents", "Layouts", "Profiles", "Firmware", "Discovered"):
        select_section(section)
        check(main, "main window, " + section)

    for section, button, title, close in (("Phones", "Add Phone", "New Phone", "Cancel"),
                                          ("Phones", "Scan Phones", "Scan Phones", "Close"),
                                          ("Agents", "Add Agent", "New Agent", "Cancel"),
                                          ("Layouts", "New Layout…", "New Layout", "Cancel"),
                                          ("Profiles", "New Profile", "New Profile", "Cancel")):
        select_section(section)
        opener = find(main, pyatspi.ROLE_PUSH_BUTTON, button)
        tap(opener is not None, "“%s” is there to open %s" % (button, title))
        if opener is not None:
            click(opener)
            check_window(title, close)

    for section, cell, title in (("Phones", "Desk 0", "Edit “Desk 0”"),
                                 ("Agents", "Maria Lopez", "Edit “Maria Lopez”"),
                                 ("Profiles", "Berlin office", "Edit “Berlin office”"),
                                 ("Firmware", "Office firmware", "Edit “Office firmware”")):
        select_section(section)
        double_click(wait(lambda: find(main, pyatspi.ROLE_TABLE_CELL, cell), cell))
        check_window(title, "Cancel")

    select_section("Layouts")
    double_click(wait(lambda: find(main, pyatspi.ROLE_TABLE_CELL, "Reception keys"), "the layout"))
    designer = wait(lambda: next((app.getChildAtIndex(i) for i in range(app.childCount)
                                  if "Reception keys" in (app.getChildAtIndex(i).name or "")
                                  and on_screen(app.getChildAtIndex(i))), None), "the designer")
    wait(lambda: find(designer, pyatspi.ROLE_PUSH_BUTTON, "Save"), "the designer drawn")
    check(designer, "layout designer")

    select_section("Phones")
    for item, title in (("Server Settings…", "Server Settings"),
                        ("Connect to Server…", "Connect to Server")):
        click(find(main, pyatspi.ROLE_PUSH_BUTTON, "Main Menu"))
        entry = wait(lambda: find(app, pyatspi.ROLE_MENU_ITEM, item), "menu item " + item)
        check(entry.parent, "main menu")
        click(entry)
        check_window(title, "Cancel")
except Exception as e:  # a step that could not be taken is a failure, said as such
    tap(False, "driving the app: %s" % e)

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
