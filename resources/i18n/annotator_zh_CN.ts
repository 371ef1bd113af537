<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Chooser</name>
    <message>
        <source>type to filter · Enter picks · Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Click to choose another colour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name (recorded with each review):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects (*.annot);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects (*.annot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles and JSONL (*.txt *.jsonl *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sugg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ev.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>review status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggestions still to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted entities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Filter by text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reviewed %v / %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reviewed %v / {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntitiesModel</name>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggested, not yet reviewed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event {event} · Tab: next entity · R: give it a role · Esc Esc: leave the event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no events in this document · select a trigger and press E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no entities in this document · select text and give it a label or a role (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left the event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept event {type} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted all suggestions (%n event(s))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event type for 「{word}」</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the event type of 「{word}」</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event {type} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event type {old} → {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New event {type} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project is open read-only: events cannot be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>select an event first: a trigger and E, or ] / [ to go to one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{type} is not in the schema: it has no roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a trigger cannot fill a role · select an entity (Tab) or some text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} cannot fill a role of {type}: {allowed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role} of {type}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of {what} in {event}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role} · new {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role} · text only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>select an event (] / [) and one of its arguments first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>「{text}」 has no role in {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {roles} of {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filled ×{n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <source>{type} (unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no events</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hint(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>select a trigger and press E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no trigger)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>open or create a project first, then import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some files were not imported:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the document (Enter: next, Esc: close)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported %n document(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> from %n file(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n already in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n file(s) refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>Next token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend the selection by a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend the selection leftwards by a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the next character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the previous character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend the selection by a character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shrink the selection by a character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token on the next line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token on the previous line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next suggestion (with an event selected: next entity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous suggestion (with an event selected: previous entity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the token cursor (there: leave the selected event)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the suggestion / delete the span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all suggestions with this span&apos;s label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all suggestions in the document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span end one token right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span end one token left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span start one token left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span start one token right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split the token before the selected character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split and remember both words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge the token with the next (or the selected tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge and remember the word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New event on the selection (on a trigger: change the type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the selected entity or text a role in the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected span out of the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark reviewed, open the next unreviewed document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the document, open the next unreviewed one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next unreviewed document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous unreviewed document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the document list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find across the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show token boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label as {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all {name} suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New {type} event on the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrain the model now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>{name} — key {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggestion</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelPicker</name>
    <message>
        <source>any span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity labels that may fill this role; none ticked: any span, labelled or not</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it read-only to look at it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened read-only: look, export, but no edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> [read-only]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Retrainer</name>
    <message>
        <source>retraining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open a project first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project is open read-only: its model cannot change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model is already retraining in the background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reviewed documents to learn from yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{busy} the model in the background on %n reviewed document(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{busy} in the background: {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>background retraining failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the training process ended with code {code}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>no suggestions left · Ctrl+Enter marks the document reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept {label} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reject or delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject {label} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {label} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take the label from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted all suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no suggestions to accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted all {label} suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no {label} suggestions to accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relabel {old} → {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label {label} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the span cannot move that way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resize {label} {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>select a character inside a token first (Alt+→ or Alt+click): the token splits before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split {left}|{right}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last token has nothing to merge with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens on different lines cannot be merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge {word}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged; 「{word}」 is in the project dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%n suggestion(s) left undecided)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marked {status}{note} · every document is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marked {status}{note} · opened the next document to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every document is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no span here to {what} · Tab selects the next suggestion</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Read-only: this project is open for writing elsewhere or cannot be written. You can read and export; edits are off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggest again with the new model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no document open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) to review</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no suggestions left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>「{text}」 no label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> from {engine}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hotkey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renaming a key moves the annotations that carry it. A change that would leave spans, events or arguments without their label, type or role is refused, and nothing is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a hotkey the first nine labels take the keys 1–9. In use: accepted spans, or spans filling a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n span(s) carry this label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renamed from {key}: its spans move along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what exports carry; renaming it moves its spans along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project is open read-only: you can look at its schema but not change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity labels ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event types ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} is carried by %n span(s): OK will refuse to remove it. To keep those spans under another key, rename the label instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its %n suggestion(s) labelled {key} will go with it when you press OK (Undo brings them back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label {n} needs a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event type {n} needs a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role of {type} needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: this change would leave annotations without a home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change them first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To go on: {advice}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hotkey “{hotkey}” of {key} is not a single key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hotkey {hotkey} of {what} {key} already means “{action}”; choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>? at most one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 exactly one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* any number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ one or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event types yet. Add one to label events in this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What exports carry; renaming it moves this type&apos;s events along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example trigger words, separated by spaces or 、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n event(s) of this type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no events of this type yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n argument(s) fill this role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project refused the change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Entities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>annotator — review Chinese news entities and events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create or open a project, or drop a .annot file here. Article files dropped on an open project are imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-annotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in-review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs-adjudication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
