<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Adjudication</name>
    <message>
        <source>Merge annotators&apos; project files</source>
        <translation>合并标注员的项目文件</translation>
    </message>
    <message>
        <source>Annotator projects (*.annot)</source>
        <translation>标注员项目 (*.annot)</translation>
    </message>
    <message>
        <source>Exports (*.jsonl *.json *.conll *.zip)</source>
        <translation>导出文件 (*.jsonl *.json *.conll *.zip)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Whose work is it?</source>
        <translation>这是谁的标注？</translation>
    </message>
    <message>
        <source>%1 does not name its annotator. Annotator&apos;s name:</source>
        <translation>%1 没有注明标注员。标注员名字：</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>合并 %1</translation>
    </message>
    <message>
        <source>Not merged: %1 (no annotator named)</source>
        <translation>未合并：%1（未给出标注员）</translation>
    </message>
    <message>
        <source>Merged: %1</source>
        <translation>已合并：%1</translation>
    </message>
    <message>
        <source>%1 %2 changed, %3 need adjudication</source>
        <translation>%1：%2 篇文档有改动，%3 篇待裁决</translation>
    </message>
    <message>
        <source>, %1 already reviewed here kept as they are</source>
        <translation>，%1 篇已在此审阅的文档保持原样</translation>
    </message>
    <message>
        <source>, %1 handed out not reviewed yet</source>
        <translation>，%1 篇已分配的文档尚未审阅</translation>
    </message>
    <message>
        <source>, %1 record(s) not marked reviewed left out</source>
        <translation>，%1 条未标为已审的记录未合并</translation>
    </message>
    <message>
        <source>, %1 older than the work merged before from %2, not merged</source>
        <translation>，%1 篇文档比之前从 %2 合并的版本旧，未合并</translation>
    </message>
    <message>
        <source> (none marked reviewed in the file: copied while open in the annotator&apos;s window?)</source>
        <translation>（文件中没有标为已审阅的文档：是否在标注员窗口仍打开时复制的？）</translation>
    </message>
    <message>
        <source>This document does not need adjudication</source>
        <translation>本文档无需裁决</translation>
    </message>
    <message>
        <source>Events left out of %1 / %2: neither gave any (an export without events, or none annotated)</source>
        <translation>%1 / %2 的一致性未计事件：两人都没有标事件（导出格式不含事件，或未标注事件）</translation>
    </message>
    <message>
        <source>Events left out of %1 / %2: %3 gave none (an export without events, or none annotated)</source>
        <translation>%1 / %2 的一致性未计事件：%3 没有任何事件（导出格式不含事件，或未标注事件）</translation>
    </message>
</context>
<context>
    <name>AdjudicationDialog</name>
    <message>
        <source>Adjudicate document %1</source>
        <translation>裁决文档 %1</translation>
    </message>
    <message>
        <source>Every version of every span and event: = every annotator gave it, ≠ some did not; who gave it on hover</source>
        <translation>每个片段和事件的所有版本：= 所有标注员都给出，≠ 有人未给出；悬停可见由谁标注</translation>
    </message>
    <message>
        <source>Enter take · Delete drop · A accept agreed · 1–9 take all of an annotator · N next open · Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+Enter reviewed</source>
        <translation>Enter 采用 · Delete 舍弃 · A 接受一致部分 · 1–9 采用某标注员的全部 · N 下一处未决 · Ctrl+Z 撤销 · Ctrl+Shift+Z 重做 · Ctrl+Enter 标为已审阅</translation>
    </message>
    <message>
        <source>%1 said this</source>
        <translation>%1 这样标注</translation>
    </message>
    <message>
        <source>Nothing differs any more: Ctrl+Enter marks it reviewed</source>
        <translation>已无分歧：Ctrl+Enter 标为已审阅</translation>
    </message>
    <message>
        <source>%1 version(s) still open</source>
        <translation>还有 %1 个版本未决</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未决</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>已采用</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>已舍弃</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>Take event</source>
        <translation>采用事件</translation>
    </message>
    <message>
        <source>Take span</source>
        <translation>采用片段</translation>
    </message>
    <message>
        <source>Drop event</source>
        <translation>舍弃事件</translation>
    </message>
    <message>
        <source>Drop span</source>
        <translation>舍弃片段</translation>
    </message>
    <message>
        <source>Accept what all agree on</source>
        <translation>接受所有人一致的部分</translation>
    </message>
    <message>
        <source>Take all of %1</source>
        <translation>采用 %1 的全部</translation>
    </message>
    <message>
        <source>Versions still differ: %1 version(s) to take or drop first</source>
        <translation>还有 %1 个版本存在分歧：请先采用或舍弃</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标为已审阅</translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <source>Agreement between annotators</source>
        <translation>标注员之间的一致性</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Span F1</source>
        <translation>片段 F1</translation>
    </message>
    <message>
        <source>Char κ</source>
        <translation>字符 κ</translation>
    </message>
    <message>
        <source>Triggers / arguments F1</source>
        <translation>触发词 / 论元 F1</translation>
    </message>
    <message>
        <source>Trigger F1 of event type %1</source>
        <translation>事件类型 %1 的触发词 F1</translation>
    </message>
    <message>
        <source>%1 document(s) reviewed by two or more; Krippendorff&apos;s α %2</source>
        <translation>%1 篇文档由两人或以上审阅；Krippendorff&apos;s α %2</translation>
    </message>
    <message>
        <source>Document %1: %2 / %3, span F1 %4</source>
        <translation>文档 %1：%2 / %3，片段 F1 %4</translation>
    </message>
    <message>
        <source>, triggers %1</source>
        <translation>，触发词 F1 %1</translation>
    </message>
    <message>
        <source>Least agreed first (Enter opens):</source>
        <translation>一致性最低的在前（Enter 打开）：</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export the chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>The chart could not be saved: %1</source>
        <translation>无法保存图表：%1</translation>
    </message>
</context>
<context>
    <name>Chooser</name>
    <message>
        <source>type to filter · Enter picks · Esc cancels</source>
        <translation>输入以筛选 · Enter 选定 · Esc 取消</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Click to choose another colour</source>
        <translation>点击选择其他颜色</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>annotator %1: review and annotate Chinese news articles, and export entity and event training data.</source>
        <translation>annotator %1：审阅和标注中文新闻，导出实体与事件训练数据。</translation>
    </message>
    <message>
        <source>Free software under the MIT licence.</source>
        <translation>自由软件，以 MIT 许可证发布。</translation>
    </message>
    <message>
        <source>Open project: %1</source>
        <translation>当前项目：%1</translation>
    </message>
    <message>
        <source>About annotator</source>
        <translation>关于 annotator</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审阅人</translation>
    </message>
    <message>
        <source>Your name (recorded with each review):</source>
        <translation>你的名字（随每次审阅记录）：</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Projects (*.annot);;All files (*)</source>
        <translation>项目 (*.annot);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Projects (*.annot)</source>
        <translation>项目 (*.annot)</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Articles and annotated files (%1);;All files (*)</source>
        <translation>文章和已标注的文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sugg.</source>
        <translation>预标</translation>
    </message>
    <message>
        <source>Ent.</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Ev.</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>document id</source>
        <translation>文档编号</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>review status</source>
        <translation>审阅状态</translation>
    </message>
    <message>
        <source>suggestions still to review</source>
        <translation>待审阅的预标注</translation>
    </message>
    <message>
        <source>accepted entities</source>
        <translation>已接受的实体</translation>
    </message>
    <message>
        <source>accepted events</source>
        <translation>已接受的事件</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Filter by text…</source>
        <translation>按文本筛选…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>reviewed %v / %m</source>
        <translation>已审阅 %v / %m</translation>
    </message>
    <message>
        <source>reviewed %v / {total}</source>
        <translation>已审阅 %v / {total}</translation>
    </message>
</context>
<context>
    <name>Dropped</name>
    <message>
        <source>argument links to entities left out of the export (kept as offsets)</source>
        <translation>论元与未导出实体的关联（以偏移量保留）</translation>
    </message>
    <message>
        <source>brat lines about spans this export does not write</source>
        <translation>涉及本次导出未写出片段的 brat 行</translation>
    </message>
    <message>
        <source>documents whose whitespace CoNLL cannot carry (blank lines, indents, other spaces)</source>
        <translation>CoNLL 无法保留其空白的文档（空行、缩进、其他空格）</translation>
    </message>
    <message>
        <source>documents without tokens (text only)</source>
        <translation>没有分词的文档（只有文本）</translation>
    </message>
    <message>
        <source>documents without tokens (written by character)</source>
        <translation>没有分词的文档（按字写出）</translation>
    </message>
    <message>
        <source>entities (DuEE has only events)</source>
        <translation>实体（DuEE 只有事件）</translation>
    </message>
    <message>
        <source>entities that start or end on whitespace</source>
        <translation>以空白开头或结尾的实体</translation>
    </message>
    <message>
        <source>entity–entity relations whose entities are not written</source>
        <translation>所涉实体未写出的实体间关系</translation>
    </message>
    <message>
        <source>events (use doccano-rel)</source>
        <translation>事件（请用 doccano-rel）</translation>
    </message>
    <message>
        <source>events without a trigger</source>
        <translation>没有触发词的事件</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>metadata fields named like one of the format&apos;s own</source>
        <translation>与该格式自有字段同名的元数据字段</translation>
    </message>
    <message>
        <source>nested or overlapping spans</source>
        <translation>嵌套或重叠的片段</translation>
    </message>
    <message>
        <source>rejected spans (only native carries review states)</source>
        <translation>已拒绝的片段（只有 native 格式保留审阅状态）</translation>
    </message>
    <message>
        <source>spans across a line break</source>
        <translation>跨越换行的片段</translation>
    </message>
    <message>
        <source>token splits made so that entities start and end on token boundaries</source>
        <translation>为让实体在词边界起止而做的切分</translation>
    </message>
    <message>
        <source>word splits made so that entities start and end on word boundaries</source>
        <translation>为让实体在词边界起止而做的切词</translation>
    </message>
</context>
<context>
    <name>EntitiesModel</name>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>n</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>suggested, not yet reviewed</source>
        <translation>预标注，尚未审阅</translation>
    </message>
</context>
<context>
    <name>EntitiesPanel</name>
    <message>
        <source>No entities yet: select words and press a label&apos;s key (1–9)</source>
        <translation>还没有实体：选中词语后按标签的快捷键（1–9）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>no such project file</source>
        <translation>项目文件不存在</translation>
    </message>
    <message>
        <source>is a folder, not a project file</source>
        <translation>这是一个文件夹，不是项目文件</translation>
    </message>
    <message>
        <source>cannot read the project file: {reason}</source>
        <translation>无法读取项目文件：{reason}</translation>
    </message>
    <message>
        <source>the project file is empty (0 bytes)</source>
        <translation>项目文件是空的（0 字节）</translation>
    </message>
    <message>
        <source>the project file is truncated ({size} bytes)</source>
        <translation>项目文件不完整（只有 {size} 字节）</translation>
    </message>
    <message>
        <source>the project file is truncated ({size} bytes, expected {expected})</source>
        <translation>项目文件不完整（只有 {size} 字节，应有 {expected} 字节）</translation>
    </message>
    <message>
        <source>not an annotator project (not an SQLite file)</source>
        <translation>不是 annotator 项目（不是 SQLite 文件）</translation>
    </message>
    <message>
        <source>not an annotator project (no project tables)</source>
        <translation>不是 annotator 项目（没有项目数据表）</translation>
    </message>
    <message>
        <source>not an annotator project (no schema version)</source>
        <translation>不是 annotator 项目（没有结构版本）</translation>
    </message>
    <message>
        <source>the project file&apos;s header is damaged (page size {size})</source>
        <translation>项目文件的文件头已损坏（页大小 {size}）</translation>
    </message>
    <message>
        <source>made by a newer version of annotator (schema {found} with {names}; this version knows schema {known})</source>
        <translation>由更新版本的 annotator 创建（结构版本 {found}，含 {names}；本版本只认识结构版本 {known}）</translation>
    </message>
    <message>
        <source>cannot open the project file ({detail})</source>
        <translation>无法打开项目文件（{detail}）</translation>
    </message>
    <message>
        <source>the project file is damaged (structure check: {detail})</source>
        <translation>项目文件已损坏（结构检查：{detail}）</translation>
    </message>
    <message>
        <source>the project file is damaged ({detail})</source>
        <translation>项目文件已损坏（{detail}）</translation>
    </message>
    <message>
        <source>cannot save a copy before upgrading ({detail})</source>
        <translation>升级前无法保存副本（{detail}）</translation>
    </message>
    <message>
        <source>the disk is full ({detail})</source>
        <translation>磁盘已满（{detail}）</translation>
    </message>
    <message>
        <source>the project file cannot be written ({detail})</source>
        <translation>无法写入项目文件（{detail}）</translation>
    </message>
    <message>
        <source>cannot create the lock file: {reason}</source>
        <translation>无法创建锁文件：{reason}</translation>
    </message>
    <message>
        <source>the project is open for writing by {holder}</source>
        <translation>该项目正由 {holder} 以可写方式打开</translation>
    </message>
    <message>
        <source>cannot lock the project for writing: {reason}</source>
        <translation>无法锁定项目以便写入：{reason}</translation>
    </message>
    <message>
        <source>cannot take the writer lock: {reason}</source>
        <translation>无法取得写入锁：{reason}</translation>
    </message>
    <message>
        <source>the project is already open for writing in this process as {path}</source>
        <translation>该项目已在本程序中以 {path} 可写打开</translation>
    </message>
    <message>
        <source>the project is open for writing by another process, through another name of the same file (a hard link or a renamed file)</source>
        <translation>另一个进程正通过同一文件的另一个名称（硬链接或改名后的文件）以可写方式打开该项目</translation>
    </message>
    <message>
        <source>a file of that name already exists</source>
        <translation>已有同名文件</translation>
    </message>
    <message>
        <source>cannot make the folder for it: {reason}</source>
        <translation>无法为它创建文件夹：{reason}</translation>
    </message>
    <message>
        <source>cannot create the project file ({detail})</source>
        <translation>无法创建项目文件（{detail}）</translation>
    </message>
    <message>
        <source>needs upgrading from schema {old} to {new} but is open read-only ({why})</source>
        <translation>需要从结构版本 {old} 升级到 {new}，但它以只读方式打开（{why}）</translation>
    </message>
    <message>
        <source>upgrading to schema {version} failed ({detail}); the file is unchanged</source>
        <translation>升级到结构版本 {version} 失败（{detail}）；文件未改动</translation>
    </message>
    <message>
        <source>the change could not be saved ({detail})</source>
        <translation>修改未能保存（{detail}）</translation>
    </message>
    <message>
        <source>the project is read-only ({why}); the change was not saved</source>
        <translation>项目是只读的（{why}）；修改未保存</translation>
    </message>
    <message>
        <source>the model learns only from {needed} or more reviewed documents, {held} of them held out to check that a new model is clearly better; the project has {reviewed} reviewed ({held_out} held out): review about {more} more</source>
        <translation>模型至少要有 {needed} 篇已审阅文档才学习，其中 {held} 篇留出，用来检验新模型是否明显更好；本项目有 {reviewed} 篇已审阅（留出 {held_out} 篇）：还需审阅约 {more} 篇</translation>
    </message>
    <message>
        <source>the event model learns only from {needed} or more reviewed documents with events ({held} of them held out) and {events_needed} or more events; the project has {documents} ({held_out} held out, {events} events learned from): review the events of about {more} more documents</source>
        <translation>事件模型至少要有 {needed} 篇含事件的已审阅文档（其中 {held} 篇留出）和 {events_needed} 个以上事件才学习；本项目有 {documents} 篇（留出 {held_out} 篇，可学习的事件 {events} 个）：还需审阅约 {more} 篇文档的事件</translation>
    </message>
    <message>
        <source>the event model learns only from {needed} or more reviewed documents with events ({held} of them held out) and {events_needed} or more events; the project has {documents} ({held_out} held out, {events} events learned from): review more events</source>
        <translation>事件模型至少要有 {needed} 篇含事件的已审阅文档（其中 {held} 篇留出）和 {events_needed} 个以上事件才学习；本项目有 {documents} 篇（留出 {held_out} 篇，可学习的事件 {events} 个）：请再审阅一些事件</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>文件是只读的</translation>
    </message>
    <message>
        <source>its folder is read-only</source>
        <translation>所在文件夹是只读的</translation>
    </message>
    <message>
        <source>opened read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>the file has {count} names (hard links), and writing through more than one would lose work; copy it (cp) to make a project of its own, or remove the other names</source>
        <translation>该文件有 {count} 个名称（硬链接），通过多个名称写入会丢失工作；请复制一份（cp）作为独立的项目，或删除其他名称</translation>
    </message>
    <message>
        <source>a schema needs at least one entity label</source>
        <translation>标注体系至少需要一个实体标签</translation>
    </message>
    <message>
        <source>duplicate label {keys}</source>
        <translation>标签重复：{keys}</translation>
    </message>
    <message>
        <source>duplicate event type {keys}</source>
        <translation>事件类型重复：{keys}</translation>
    </message>
    <message>
        <source>duplicate hotkey {keys}</source>
        <translation>快捷键重复：{keys}</translation>
    </message>
    <message>
        <source>the project file names no annotator</source>
        <translation>该项目文件没有注明标注员</translation>
    </message>
    <message>
        <source>an export does not say whose work it is</source>
        <translation>导出文件没有注明是谁的工作</translation>
    </message>
    <message>
        <source>{where}: the project has no document with this text; nothing of this file was merged</source>
        <translation>{where}：项目中没有文本相同的文档；该文件的内容都没有合并</translation>
    </message>
    <message>
        <source>{where}: its text differs from the project&apos;s document {id}; nothing of this file was merged</source>
        <translation>{where}：文本与项目中的文档 {id} 不同；该文件的内容都没有合并</translation>
    </message>
    <message>
        <source>is an older copy of {name}&apos;s file than the one merged before from {file}: {count} of its document(s) were edited there later (document {id} last edited {here} in this file, {there} in that one); nothing of this file was merged</source>
        <translation>是 {name} 的文件的旧副本，比之前从 {file} 合并的那份旧：其中 {count} 篇文档在那份文件里编辑得更晚（文档 {id} 在这份文件里最后编辑于 {here}，在那份文件里于 {there}）；该文件的内容都没有合并</translation>
    </message>
    <message>
        <source>{where}: its offsets [{start}, {end}) are not a range of the text ({length} characters)</source>
        <translation>{where}：其位置 [{start}, {end}) 不在正文范围内（正文 {length} 个字符）</translation>
    </message>
    <message>
        <source>{where}: its {column} {value} is none this version knows ({known})</source>
        <translation>{where}：其 {column} 为 {value}，本版本不认识（已知：{known}）</translation>
    </message>
    <message>
        <source>{where}: its trigger is span {span}, which the document does not have</source>
        <translation>{where}：其触发词是片段 {span}，但文档中没有该片段</translation>
    </message>
    <message>
        <source>{where}: its {role} argument is span {span}, which the document does not have</source>
        <translation>{where}：其论元 {role} 是片段 {span}，但文档中没有该片段</translation>
    </message>
    <message>
        <source>{where}: it has an argument of event {event}, which the document does not have</source>
        <translation>{where}：含有事件 {event} 的论元，但文档中没有该事件</translation>
    </message>
    <message>
        <source>{where}: its tokens run to {end}, past its text ({length} characters)</source>
        <translation>{where}：其分词延伸到 {end}，超出了正文（{length} 个字符）</translation>
    </message>
    <message>
        <source>{where}: not readable JSON ({detail})</source>
        <translation>{where}：不是可读的 JSON（{detail}）</translation>
    </message>
    <message>
        <source>it has no table {table}, which every project of schema {version} has</source>
        <translation>缺少数据表 {table}（结构版本 {version} 的项目都有该表）</translation>
    </message>
    <message>
        <source>its table {table} has no column {columns}, which every project of schema {version} has</source>
        <translation>数据表 {table} 缺少列 {columns}（结构版本 {version} 的项目都有该列）</translation>
    </message>
    <message>
        <source>the log beside it ({name}) does not belong to it: read with it, the file is not a project ({reason})</source>
        <translation>旁边的日志文件（{name}）不属于此项目：连同它读取时，该文件不是项目（{reason}）</translation>
    </message>
    <message>
        <source>its entity model is not readable: {detail}</source>
        <translation>其实体模型无法读取：{detail}</translation>
    </message>
    <message>
        <source>its event model is not readable: {detail}</source>
        <translation>其事件模型无法读取：{detail}</translation>
    </message>
    <message>
        <source>the file has reached this process&apos;s limit on a file&apos;s size ({limit} bytes, ulimit -f) ({detail})</source>
        <translation>文件已达到本进程的文件大小上限（{limit} 字节，ulimit -f）（{detail}）</translation>
    </message>
    <message>
        <source>cannot make the app&apos;s data folder: {reason}</source>
        <translation>无法创建程序的数据文件夹：{reason}</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>the file holds no documents</source>
        <translation>文件中没有文档</translation>
    </message>
    <message>
        <source>the file has no text</source>
        <translation>文件中没有文本</translation>
    </message>
    <message>
        <source>this is a binary file (it contains NUL bytes), not text</source>
        <translation>这是二进制文件（含 NUL 字节），不是文本</translation>
    </message>
    <message>
        <source>this is an annotator project (an SQLite file), not a file to import</source>
        <translation>这是 annotator 项目文件（SQLite 文件），不是可导入的文件</translation>
    </message>
    <message>
        <source>this is a TOML file (a schema?), not articles or annotations</source>
        <translation>这是 TOML 文件（标注体系文件？），不是文章或标注</translation>
    </message>
    <message>
        <source>this is a binary file (it contains NUL characters), not text</source>
        <translation>这是二进制文件（含 NUL 字符），不是文本</translation>
    </message>
    <message>
        <source>cannot decode the file as UTF-8, UTF-16, GB18030/GBK or Big5</source>
        <translation>无法按 UTF-8、UTF-16、GB18030/GBK 或 Big5 解码该文件</translation>
    </message>
    <message>
        <source>not valid JSON: {detail}</source>
        <translation>不是有效的 JSON：{detail}</translation>
    </message>
    <message>
        <source>cannot read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <source>is larger ({size}) than an input may be ({limit})</source>
        <translation>文件太大（{size}），超过输入上限（{limit}）</translation>
    </message>
    <message>
        <source>document not imported: {message}</source>
        <translation>文档未导入：{message}</translation>
    </message>
    <message>
        <source>no document could be read ({count}); the first: {message}</source>
        <translation>没有一篇文档能读取（{count} 篇）；第一篇：{message}</translation>
    </message>
    <message>
        <source>unknown format {name}</source>
        <translation>未知格式 {name}</translation>
    </message>
    <message>
        <source>the file holds no documents ({format})</source>
        <translation>文件中没有文档（{format}）</translation>
    </message>
    <message>
        <source>the file is one JSON array, not JSON lines (one record, a JSON object, a line)</source>
        <translation>文件是一整个 JSON 数组，不是 JSON lines（每行一条记录，即一个 JSON 对象）</translation>
    </message>
    <message>
        <source>the file is one JSON object written over many lines, not JSON lines (one record a line)</source>
        <translation>文件是分写在多行的一个 JSON 对象，不是 JSON lines（每行一条记录）</translation>
    </message>
    <message>
        <source>not usable JSON: nested too deeply</source>
        <translation>无法使用的 JSON：嵌套太深</translation>
    </message>
    <message>
        <source>not usable JSON: {detail}</source>
        <translation>无法使用的 JSON：{detail}</translation>
    </message>
    <message>
        <source>a record must be a JSON object, not {kind}</source>
        <translation>记录必须是 JSON 对象，而不是 {kind}</translation>
    </message>
    <message>
        <source>not UTF-8 (byte {byte})</source>
        <translation>不是 UTF-8（第 {byte} 字节）</translation>
    </message>
    <message>
        <source>not UTF-8 (byte {byte}), though the lines before it are</source>
        <translation>不是 UTF-8（第 {byte} 字节），而它前面的行是 UTF-8</translation>
    </message>
    <message>
        <source>not UTF-8 (byte {byte}), though the lines before it are, and the file is not GB18030/GBK or Big5 either</source>
        <translation>不是 UTF-8（第 {byte} 字节），而它前面的行是 UTF-8，文件也不是 GB18030/GBK 或 Big5</translation>
    </message>
    <message>
        <source>the file is {encoding} (it starts with a {encoding} byte-order mark); JSON lines are UTF-8</source>
        <translation>文件是 {encoding} 编码（以 {encoding} 字节顺序标记开头）；JSON lines 文件须为 UTF-8</translation>
    </message>
    <message>
        <source>the schema {name} lacks {what} (first at line {line})</source>
        <translation>标注体系 {name} 缺少{what}（首次出现在第 {line} 行）</translation>
    </message>
    <message>
        <source>unknown label {key}</source>
        <translation>未知标签 {key}</translation>
    </message>
    <message>
        <source>unknown event type {key}</source>
        <translation>未知事件类型 {key}</translation>
    </message>
    <message>
        <source>the record&apos;s annotation fields ({fields}) fit no format annotator reads</source>
        <translation>记录的标注字段（{fields}）不符合 annotator 能读取的任何格式</translation>
    </message>
    <message>
        <source>this record looks like {format} but line {line} looks like {other}</source>
        <translation>这条记录像 {format} 格式，但第 {line} 行像 {other} 格式</translation>
    </message>
    <message>
        <source>the record&apos;s annotations are in {other} fields ({fields}), which {format} does not read</source>
        <translation>记录的标注在 {other} 格式的字段（{fields}）中，{format} 格式不读取这些字段</translation>
    </message>
    <message>
        <source>the record&apos;s {fields} field holds annotations {format} does not read (it reads {reads})</source>
        <translation>记录的 {fields} 字段含有 {format} 格式不读取的标注（它读取 {reads}）</translation>
    </message>
    <message>
        <source>the record has both {one} and {other}: which holds its spans is not known</source>
        <translation>记录同时有 {one} 和 {other}：无法确定哪个字段存放标注片段</translation>
    </message>
    <message>
        <source>the record has no text</source>
        <translation>记录没有文本</translation>
    </message>
    <message>
        <source>the record&apos;s text is blank</source>
        <translation>记录的文本是空白的</translation>
    </message>
    <message>
        <source>the record&apos;s text must be a string, not {kind}</source>
        <translation>记录的文本必须是字符串，而不是{kind}</translation>
    </message>
    <message>
        <source>the text holds a NUL character at offset {offset}</source>
        <translation>文本在偏移 {offset} 处含 NUL 字符</translation>
    </message>
    <message>
        <source>the text has a lone UTF-16 surrogate at offset {offset}</source>
        <translation>文本在偏移 {offset} 处有孤立的 UTF-16 代理字符</translation>
    </message>
    <message>
        <source>the record&apos;s {field} holds a lone UTF-16 surrogate</source>
        <translation>记录的 {field} 含有孤立的 UTF-16 代理字符</translation>
    </message>
    <message>
        <source>the text is {count} characters long; a document may hold at most {most}</source>
        <translation>文本长 {count} 个字符；一篇文档最多 {most} 个字符</translation>
    </message>
    <message>
        <source>the record holds {count} annotations; a document may hold at most {most}</source>
        <translation>记录含 {count} 个标注；一篇文档最多 {most} 个标注</translation>
    </message>
    <message>
        <source>pre-highlighting gave the document {count} annotations; a document may hold at most {most}</source>
        <translation>预标注给这篇文档产生了 {count} 个标注；一篇文档最多 {most} 个标注</translation>
    </message>
    <message>
        <source>document {id}: pre-highlighting would give it {count} annotations; a document may hold at most {most}</source>
        <translation>文档 {id}：预标注会使它有 {count} 个标注；一篇文档最多 {most} 个标注</translation>
    </message>
    <message>
        <source>the line is longer than {size} MB; a line may hold at most that</source>
        <translation>该行超过 {size} MB；一行最多只能这么长</translation>
    </message>
    <message>
        <source>is {kind}, not a regular file; only files and folders are read</source>
        <translation>是{kind}，不是普通文件；只读取文件和文件夹</translation>
    </message>
    <message>
        <source>the zip file is damaged or unreadable ({detail})</source>
        <translation>zip 文件已损坏或无法读取（{detail}）</translation>
    </message>
    <message>
        <source>not a brat folder or zip file</source>
        <translation>不是 brat 文件夹或 zip 文件</translation>
    </message>
    <message>
        <source>unknown encoding {encoding}</source>
        <translation>未知编码 {encoding}</translation>
    </message>
    <message>
        <source>not valid {encoding} at byte {byte}</source>
        <translation>第 {byte} 字节处不是有效的 {encoding}</translation>
    </message>
    <message>
        <source>the file has no tokens</source>
        <translation>文件中没有词</translation>
    </message>
    <message>
        <source>entity {item}: {problem}</source>
        <translation>实体 {item}：{problem}</translation>
    </message>
    <message>
        <source>label {item}: {problem}</source>
        <translation>标签 {item}：{problem}</translation>
    </message>
    <message>
        <source>span {item}: {problem}</source>
        <translation>片段 {item}：{problem}</translation>
    </message>
    <message>
        <source>token {item}: {problem}</source>
        <translation>词 {item}：{problem}</translation>
    </message>
    <message>
        <source>event {item}: {problem}</source>
        <translation>事件 {item}：{problem}</translation>
    </message>
    <message>
        <source>event {item} trigger: {problem}</source>
        <translation>事件 {item} 的触发词：{problem}</translation>
    </message>
    <message>
        <source>event {item} argument {argument}: {problem}</source>
        <translation>事件 {item} 的论元 {argument}：{problem}</translation>
    </message>
    <message>
        <source>event type {item}: {problem}</source>
        <translation>事件类型 {item}：{problem}</translation>
    </message>
    <message>
        <source>role {item}: {problem}</source>
        <translation>角色 {item}：{problem}</translation>
    </message>
    <message>
        <source>offsets must be integers</source>
        <translation>偏移必须是整数</translation>
    </message>
    <message>
        <source>offsets must be integers, got {start}, {end}</source>
        <translation>偏移必须是整数，却是 {start}, {end}</translation>
    </message>
    <message>
        <source>span [{start}, {end}) is outside the text (length {length})</source>
        <translation>片段 [{start}, {end}) 超出文本范围（文本长 {length}）</translation>
    </message>
    <message>
        <source>[{start}, {end}) is not a range inside the text (length {length})</source>
        <translation>[{start}, {end}) 不是文本内的范围（文本长 {length}）</translation>
    </message>
    <message>
        <source>span [{start}, {end}) {label} cuts {letter} at offset {offset}, between a letter and its accent: the offsets look counted on the composed (NFC) form of this decomposed (NFD) text</source>
        <translation>片段 [{start}, {end}) {label} 在偏移 {offset} 处把 {letter} 从字母与其附加符号之间切开：偏移量似乎是按这段分解形式（NFD）文本的合成形式（NFC）计算的</translation>
    </message>
    <message>
        <source>would inflate {stored} stored bytes to {size}, more than {ratio} times: a zip bomb</source>
        <translation>会把 {stored} 字节的压缩数据解压为 {size}，超过 {ratio} 倍：这是一个压缩炸弹</translation>
    </message>
    <message>
        <source>{mention}: [{start}, {end}] is outside the text (length {length}; CLUENER ends are inclusive)</source>
        <translation>{mention}：[{start}, {end}] 超出文本范围（文本长 {length}；CLUENER 的结束位置包含在内）</translation>
    </message>
    <message>
        <source>{mention}: position {position} is not [start, end]</source>
        <translation>{mention}：位置 {position} 不是 [起点, 终点]</translation>
    </message>
    <message>
        <source>start must be an integer, got {start}</source>
        <translation>起点必须是整数，却是 {start}</translation>
    </message>
    <message>
        <source>start {start} is outside the text (length {length})</source>
        <translation>起点 {start} 超出文本范围（文本长 {length}）</translation>
    </message>
    <message>
        <source>the text at {start} is {found}, not {words}</source>
        <translation>位置 {start} 处的文本是 {found}，不是 {words}</translation>
    </message>
    <message>
        <source>entity {id} is not an entity id of this record</source>
        <translation>{id} 不是本记录中实体的编号</translation>
    </message>
    <message>
        <source>entity {item} is not an object with a unique id (an integer or a string)</source>
        <translation>实体 {item} 不是带唯一编号（整数或字符串）的对象</translation>
    </message>
    <message>
        <source>score must be a finite number of at most 64 bits, not {score}</source>
        <translation>分数必须是至多 64 位的有限数，而不是 {score}</translation>
    </message>
    <message>
        <source>unknown state {state}</source>
        <translation>未知状态 {state}</translation>
    </message>
    <message>
        <source>unknown status {status}</source>
        <translation>未知审阅状态 {status}</translation>
    </message>
    <message>
        <source>{key} must be a list</source>
        <translation>{key} 必须是列表</translation>
    </message>
    <message>
        <source>meta must be an object</source>
        <translation>meta 必须是对象</translation>
    </message>
    <message>
        <source>{count} tokens for a text of {length} characters</source>
        <translation>{length} 个字符的文本却有 {count} 个词</translation>
    </message>
    <message>
        <source>label {key} is not a non-empty string</source>
        <translation>标签 {key} 不是非空字符串</translation>
    </message>
    <message>
        <source>event type {key} is not a non-empty string</source>
        <translation>事件类型 {key} 不是非空字符串</translation>
    </message>
    <message>
        <source>a key cannot be empty or blank</source>
        <translation>键不能为空或空白</translation>
    </message>
    <message>
        <source>a key cannot be longer than {most} characters (this one has {count})</source>
        <translation>键不能超过 {most} 个字符（这个有 {count} 个）</translation>
    </message>
    <message>
        <source>a key cannot hold control characters or line breaks (found {found})</source>
        <translation>键不能含控制字符或换行（发现 {found}）</translation>
    </message>
    <message>
        <source>{id} is not a T or E id (the letter and a number, e.g. T1)</source>
        <translation>{id} 不是 T 或 E 编号（字母加数字，例如 T1）</translation>
    </message>
    <message>
        <source>{id} is not a brat annotation line (T, E, R, A, M, N, # or *)</source>
        <translation>{id} 不是 brat 标注行（T、E、R、A、M、N、# 或 *）</translation>
    </message>
    <message>
        <source>expected T&lt;n&gt;&lt;TAB&gt;TYPE START END&lt;TAB&gt;text, got {got}</source>
        <translation>应为 T&lt;n&gt;&lt;TAB&gt;类型 起点 终点&lt;TAB&gt;文本，却是 {got}</translation>
    </message>
    <message>
        <source>expected E&lt;n&gt;&lt;TAB&gt;TYPE:T&lt;n&gt; ROLE:T&lt;n&gt; …</source>
        <translation>应为 E&lt;n&gt;&lt;TAB&gt;类型:T&lt;n&gt; 角色:T&lt;n&gt; …</translation>
    </message>
    <message>
        <source>malformed or duplicate {id} line</source>
        <translation>{id} 行格式错误或重复</translation>
    </message>
    <message>
        <source>{id} is not a T line of this file</source>
        <translation>{id} 不是本文件中的 T 行</translation>
    </message>
    <message>
        <source>trigger {id} is not a T line of this file</source>
        <translation>触发词 {id} 不是本文件中的 T 行</translation>
    </message>
    <message>
        <source>{id} is typed {type} but triggers a {other} event</source>
        <translation>{id} 的类型是 {type}，却触发 {other} 事件</translation>
    </message>
    <message>
        <source>discontinuous spans are not supported (fragments must be separated by line breaks only)</source>
        <translation>不支持不连续的片段（各部分之间只能隔着换行）</translation>
    </message>
    <message>
        <source>the text field {field} is not the text at those offsets ({words})</source>
        <translation>文本字段 {field} 与该偏移处的文本（{words}）不符</translation>
    </message>
    <message>
        <source>{name}.txt is missing next to {ann}</source>
        <translation>{ann} 旁边缺少 {name}.txt</translation>
    </message>
    <message>
        <source>{name}: not UTF-8 ({detail})</source>
        <translation>{name}：不是 UTF-8（{detail}）</translation>
    </message>
    <message>
        <source>expected token&lt;TAB&gt;tag, got {got}</source>
        <translation>应为 词&lt;TAB&gt;标记，却是 {got}</translation>
    </message>
    <message>
        <source>{count} columns where the document&apos;s first line has {width}</source>
        <translation>有 {count} 列，而文档第一行有 {width} 列</translation>
    </message>
    <message>
        <source>tag {tag} is not O or B-/I-/M-/E-/S-/L-/U- and a label</source>
        <translation>标记 {tag} 不是 O，也不是 B-/I-/M-/E-/S-/L-/U- 加标签</translation>
    </message>
    <message>
        <source>tag {tag} continues a {label} span that did not begin</source>
        <translation>标记 {tag} 接续一个没有开头的 {label} 片段</translation>
    </message>
    <message>
        <source>the token column is empty</source>
        <translation>词这一列是空的</translation>
    </message>
    <message>
        <source>{variable}={value} is not a number</source>
        <translation>{variable}={value} 不是数字</translation>
    </message>
    <message>
        <source>{variable}={value} is not a number of megabytes</source>
        <translation>{variable}={value} 不是兆字节数</translation>
    </message>
    <message>
        <source>{variable}={value} must be more than 0</source>
        <translation>{variable}={value} 必须大于 0</translation>
    </message>
    <message>
        <source>role must be a non-empty string</source>
        <translation>角色必须是非空字符串</translation>
    </message>
    <message>
        <source>role {key} is not a non-empty string</source>
        <translation>角色 {key} 不是非空字符串</translation>
    </message>
    <message>
        <source>type {key} is not a non-empty string</source>
        <translation>类型 {key} 不是非空字符串</translation>
    </message>
    <message>
        <source>relation {item}: {problem}</source>
        <translation>关系 {item}：{problem}</translation>
    </message>
    <message>
        <source>token {item} is neither a string nor an object</source>
        <translation>词 {item} 既不是字符串也不是对象</translation>
    </message>
    <message>
        <source>title must be a string</source>
        <translation>title 必须是字符串</translation>
    </message>
    <message>
        <source>unknown origin {origin} (known: {known})</source>
        <translation>未知来源 {origin}（已知的有：{known}）</translation>
    </message>
    <message>
        <source>entity {item} is not an object</source>
        <translation>实体 {item} 不是对象</translation>
    </message>
    <message>
        <source>event {item} is not an object</source>
        <translation>事件 {item} 不是对象</translation>
    </message>
    <message>
        <source>event {item} argument {argument} is not an object</source>
        <translation>事件 {item} 的论元 {argument} 不是对象</translation>
    </message>
    <message>
        <source>span {item} is not an object</source>
        <translation>片段 {item} 不是对象</translation>
    </message>
    <message>
        <source>token {item} is not an object</source>
        <translation>词 {item} 不是对象</translation>
    </message>
    <message>
        <source>id {id} is not a unique integer or string</source>
        <translation>编号 {id} 不是唯一的整数或字符串</translation>
    </message>
    <message>
        <source>trigger is not an object</source>
        <translation>触发词不是对象</translation>
    </message>
    <message>
        <source>offsets differ from those of entity {id}</source>
        <translation>偏移与实体 {id} 的偏移不同</translation>
    </message>
    <message>
        <source>meta key {key} is reserved</source>
        <translation>meta 的键 {key} 是保留的</translation>
    </message>
    <message>
        <source>field {key} is given both at the top level and in meta</source>
        <translation>字段 {key} 既在记录顶层给出，又在 meta 中给出</translation>
    </message>
    <message>
        <source>entities and relations must be lists</source>
        <translation>entities 和 relations 必须是列表</translation>
    </message>
    <message>
        <source>label must be a list of [start, end, label]</source>
        <translation>label 必须是由 [起点, 终点, 标签] 组成的列表</translation>
    </message>
    <message>
        <source>label {item} is not [start, end, label]</source>
        <translation>标签 {item} 不是 [起点, 终点, 标签]</translation>
    </message>
    <message>
        <source>entity {item} is not [start, end, label]</source>
        <translation>实体 {item} 不是 [起点, 终点, 标签]</translation>
    </message>
    <message>
        <source>relation {item} does not link two entities of this record</source>
        <translation>关系 {item} 没有连接本记录中的两个实体</translation>
    </message>
    <message>
        <source>relation {item} has no type</source>
        <translation>关系 {item} 没有类型</translation>
    </message>
    <message>
        <source>answer {answer} is not one of {answers}</source>
        <translation>answer {answer} 不是 {answers} 之一</translation>
    </message>
    <message>
        <source>spans must be a list (Prodigy) or an object of span groups (spaCy&apos;s Doc.to_json)</source>
        <translation>spans 必须是列表（Prodigy）或由片段组构成的对象（spaCy 的 Doc.to_json）</translation>
    </message>
    <message>
        <source>the text must be a non-empty string</source>
        <translation>文本必须是非空字符串</translation>
    </message>
    <message>
        <source>event {item} argument {argument} is not an object with a role</source>
        <translation>事件 {item} 的论元 {argument} 不是带角色的对象</translation>
    </message>
    <message>
        <source>{words} is not in the text (and no trigger_start_index is given)</source>
        <translation>{words} 不在文本中（也没有给出 trigger_start_index）</translation>
    </message>
    <message>
        <source>{mention}: no positions</source>
        <translation>{mention}：没有给出位置</translation>
    </message>
    <message>
        <source>label {label}: no mentions</source>
        <translation>标签 {label}：没有任何提及</translation>
    </message>
    <message>
        <source>{mention}: [{start}, {end}] covers {found} (CLUENER ends are inclusive)</source>
        <translation>{mention}：[{start}, {end}] 覆盖的是 {found}（CLUENER 的结束位置包含在内）</translation>
    </message>
    <message>
        <source>the token {token} holds whitespace (columns separated by spaces and tabs at once?)</source>
        <translation>词 {token} 含有空白（各列之间是否同时用了空格和制表符？）</translation>
    </message>
    <message>
        <source>starts with a {encoding} byte-order mark but is not valid {encoding} at byte {byte}</source>
        <translation>以 {encoding} 字节顺序标记开头，但第 {byte} 字节处不是有效的 {encoding}</translation>
    </message>
    <message>
        <source>is this project itself; merging it would make its own annotations an annotator&apos;s layer</source>
        <translation>就是本项目；合并它会把项目自己的标注当成一位标注员的标注层</translation>
    </message>
    <message>
        <source>is a folder; merge takes annotators&apos; project files or exports, one by one</source>
        <translation>是文件夹；合并需要标注员的项目文件或导出文件，一次一个</translation>
    </message>
    <message>
        <source>holds no annotations (article text); merge takes annotators&apos; project files or exports</source>
        <translation>不含标注（只是文章文本）；合并需要标注员的项目文件或导出文件</translation>
    </message>
    <message>
        <source>{where}: label {key} is not in the project&apos;s schema; nothing of this file was merged</source>
        <translation>{where}：标签 {key} 不在项目的标注体系中；该文件的内容都没有合并</translation>
    </message>
    <message>
        <source>{where}: event type {key} is not in the project&apos;s schema; nothing of this file was merged</source>
        <translation>{where}：事件类型 {key} 不在项目的标注体系中；该文件的内容都没有合并</translation>
    </message>
    <message>
        <source>create one with `annotator new`</source>
        <translation>可用“文件 → 新建项目…”创建一个</translation>
    </message>
    <message>
        <source>name the .annot file itself</source>
        <translation>请选择 .annot 文件本身</translation>
    </message>
    <message>
        <source>check the file&apos;s permissions</source>
        <translation>请检查文件权限</translation>
    </message>
    <message>
        <source>restore it from a backup; NAME.annot.bak-vN files beside it are copies made before upgrades</source>
        <translation>请从备份恢复；旁边的 NAME.annot.bak-vN 文件是升级前保存的副本</translation>
    </message>
    <message>
        <source>open a .annot file made by `annotator new`</source>
        <translation>请打开用“文件 → 新建项目…”创建的 .annot 文件</translation>
    </message>
    <message>
        <source>the file was changed outside annotator; restore it from a backup; NAME.annot.bak-vN files beside it are copies made before upgrades</source>
        <translation>该文件曾在 annotator 之外被修改；请从备份恢复；旁边的 NAME.annot.bak-vN 文件是升级前保存的副本</translation>
    </message>
    <message>
        <source>the file itself is intact and was not changed; move {name} away to open the project as last saved</source>
        <translation>文件本身完好且未被改动；把 {name} 移走即可打开最后一次保存的项目</translation>
    </message>
    <message>
        <source>train it again with `annotator train`, or restore the file from a backup</source>
        <translation>用 `annotator train` 重新训练，或从备份恢复该文件</translation>
    </message>
    <message>
        <source>raise the limit and try again; the change was not saved (the project file is intact)</source>
        <translation>请提高该上限后重试；此次修改未保存（项目文件完好）</translation>
    </message>
    <message>
        <source>set ANNOTATOR_DATA_DIR (or XDG_DATA_HOME) to a folder you can write</source>
        <translation>请把 ANNOTATOR_DATA_DIR（或 XDG_DATA_HOME）设为一个可写的文件夹</translation>
    </message>
    <message>
        <source>upgrade annotator to open it; the file was not changed</source>
        <translation>请升级 annotator 后再打开；文件未改动</translation>
    </message>
    <message>
        <source>free some disk space or make the folder writable; the project was not changed</source>
        <translation>请腾出磁盘空间或让文件夹可写；项目未改动</translation>
    </message>
    <message>
        <source>free some disk space and try again; the change was not saved (the project file is intact)</source>
        <translation>请腾出磁盘空间后重试；修改未保存（项目文件完好）</translation>
    </message>
    <message>
        <source>make the file and its folder writable, or open it read-only</source>
        <translation>请让文件及其文件夹可写，或以只读方式打开</translation>
    </message>
    <message>
        <source>free some disk space and try again; the project was not changed</source>
        <translation>请腾出磁盘空间后重试；项目未改动</translation>
    </message>
    <message>
        <source>the folder must be writable to edit the project; list, info and export work read-only</source>
        <translation>编辑项目需要文件夹可写；只读时仍可查看和导出</translation>
    </message>
    <message>
        <source>close it there first; list, info and export still work read-only</source>
        <translation>请先在那里关闭它；只读时仍可查看和导出</translation>
    </message>
    <message>
        <source>copy the project to a local disk to edit it</source>
        <translation>请把项目复制到本地磁盘再编辑</translation>
    </message>
    <message>
        <source>the folder must be writable</source>
        <translation>文件夹必须可写</translation>
    </message>
    <message>
        <source>use the window that has it open</source>
        <translation>请使用已打开它的窗口</translation>
    </message>
    <message>
        <source>choose another name or open it instead</source>
        <translation>请换一个名称，或直接打开它</translation>
    </message>
    <message>
        <source>choose a folder you can write to</source>
        <translation>请选择一个可写的文件夹</translation>
    </message>
    <message>
        <source>check that the folder is writable and the disk not full</source>
        <translation>请检查文件夹是否可写、磁盘是否已满</translation>
    </message>
    <message>
        <source>open it once for writing with this version</source>
        <translation>请用本版本以可写方式打开一次</translation>
    </message>
    <message>
        <source>make it writable and open it once with this version</source>
        <translation>请让它可写，并用本版本打开一次</translation>
    </message>
    <message>
        <source>keep using the previous version; a copy is in {name}</source>
        <translation>请继续使用之前的版本；副本保存在 {name}</translation>
    </message>
    <message>
        <source>nothing was changed; try again</source>
        <translation>没有任何改动；请重试</translation>
    </message>
    <message>
        <source>close it and open it again for writing</source>
        <translation>请关闭后以可写方式重新打开</translation>
    </message>
    <message>
        <source>make the file and its folder writable, or work on a copy</source>
        <translation>请让文件及其文件夹可写，或在副本上工作</translation>
    </message>
    <message>
        <source>check the name and where it is</source>
        <translation>请检查名称和位置</translation>
    </message>
    <message>
        <source>say whose work it is with --annotator NAME</source>
        <translation>请在命令行用 annotator merge --annotator 姓名 注明是谁的工作</translation>
    </message>
    <message>
        <source>name the annotator with --annotator NAME</source>
        <translation>请在命令行用 annotator merge --annotator 姓名 注明标注员</translation>
    </message>
    <message>
        <source>merge work on the documents handed out with `assign`</source>
        <translation>只能合并用 annotator assign 分发的文档上的工作</translation>
    </message>
    <message>
        <source>merge {name}&apos;s newest file; if they have gone back on that work, ask them to edit it again in their newest file</source>
        <translation>请合并 {name} 最新的文件；如果他们要撤回那些工作，请他们在最新的文件里重新编辑</translation>
    </message>
    <message>
        <source>if its items are records of a format annotator reads, convert it: jq -c &apos;.[]&apos; {path} &gt; new.jsonl (Label Studio&apos;s and spaCy v2&apos;s JSON are formats of their own, not read); nothing was imported</source>
        <translation>如果其中各项是 annotator 能读取的格式的记录，请转换：jq -c &apos;.[]&apos; {path} &gt; new.jsonl（Label Studio 和 spaCy v2 的 JSON 是另外的格式，不能读取）；没有导入任何内容</translation>
    </message>
    <message>
        <source>make it one line: jq -c . {path} &gt; new.jsonl</source>
        <translation>请把它写成一行：jq -c . {path} &gt; new.jsonl</translation>
    </message>
    <message>
        <source>convert it, e.g. from GBK: iconv -f GBK -t UTF-8 {path} &gt; new.jsonl</source>
        <translation>请转换编码，例如从 GBK 转换：iconv -f GBK -t UTF-8 {path} &gt; new.jsonl</translation>
    </message>
    <message>
        <source>convert it: iconv -f {encoding} -t UTF-8 {path} &gt; new.jsonl</source>
        <translation>请转换编码：iconv -f {encoding} -t UTF-8 {path} &gt; new.jsonl</translation>
    </message>
    <message>
        <source>the line is damaged (cut off, or pasted from another file): fix or remove it</source>
        <translation>该行已损坏（被截断，或从别的文件粘贴而来）：请修正或删除它</translation>
    </message>
    <message>
        <source>the file mixes encodings (pasted from another file?): convert that part to UTF-8</source>
        <translation>文件混用了多种编码（从别的文件粘贴而来？）：请把那部分转换为 UTF-8</translation>
    </message>
    <message>
        <source>convert it to UTF-8 or pass --encoding</source>
        <translation>请转换为 UTF-8，或指定 --encoding</translation>
    </message>
    <message>
        <source>leave --encoding out to have the encoding detected: UTF-8, UTF-16, GB18030/GBK or Big5</source>
        <translation>请去掉 --encoding，让程序自动识别编码：UTF-8、UTF-16、GB18030/GBK 或 Big5</translation>
    </message>
    <message>
        <source>merge an annotator&apos;s project file with `annotator merge`, or export the project and import the export</source>
        <translation>标注员的项目文件请用“文件 → 合并标注员的项目文件…”（命令行 annotator merge）合并，或先导出该项目，再导入导出的文件</translation>
    </message>
    <message>
        <source>save it as plain text (.txt) first</source>
        <translation>请先另存为纯文本（.txt）</translation>
    </message>
    <message>
        <source>a schema file is imported with `annotator schema PROJECT --import FILE`</source>
        <translation>标注体系文件请用命令行 annotator schema PROJECT --import FILE 导入</translation>
    </message>
    <message>
        <source>formats: {names}</source>
        <translation>可用格式：{names}</translation>
    </message>
    <message>
        <source>import with --extend-schema to add them to the project&apos;s schema, or --map OLD=NEW to rename them; nothing of this file was imported</source>
        <translation>请在标注体系中添加它们（编辑 → 标注体系…，或命令行 import --extend-schema），或用 --map OLD=NEW 改名；该文件的内容都没有导入</translation>
    </message>
    <message>
        <source>import with --extend-schema to add what the schema lacks, or --map OLD=NEW to rename it to one it has</source>
        <translation>请在标注体系中添加缺少的内容（编辑 → 标注体系…，或命令行 import --extend-schema），或用 --map OLD=NEW 改成已有的名称</translation>
    </message>
    <message>
        <source>give --format ({names}) or convert the file; nothing was imported</source>
        <translation>请指定 --format（{names}）或转换文件；没有导入任何内容</translation>
    </message>
    <message>
        <source>one file holds one format; give --format to choose</source>
        <translation>一个文件只能是一种格式；请用 --format 指定</translation>
    </message>
    <message>
        <source>the file is not JSON lines: if it is in another format, give that --format, or none to have it recognised</source>
        <translation>该文件不是 JSON lines：如果它是其他格式，请用 --format 指定该格式，或不指定 --format，让程序自动识别</translation>
    </message>
    <message>
        <source>import with --format {format}, or without --format to tell it from the file</source>
        <translation>请用 --format {format} 导入，或不指定 --format，由文件内容判断格式</translation>
    </message>
    <message>
        <source>annotator reads native, doccano, doccano-rel, spacy (Prodigy), duee and cluener records: convert the file to one of them; nothing was imported</source>
        <translation>annotator 能读取 native、doccano、doccano-rel、spacy（Prodigy）、duee 和 cluener 记录：请把文件转换为其中一种；没有导入任何内容</translation>
    </message>
    <message>
        <source>keep one of the two fields; nothing was imported</source>
        <translation>请只保留两个字段中的一个；没有导入任何内容</translation>
    </message>
    <message>
        <source>count the offsets on the text as written (or write the text in the form they were counted on); nothing was imported</source>
        <translation>请按文件中文本的原样计算偏移量（或把文本写成计算偏移量时所用的形式）；未导入任何内容</translation>
    </message>
    <message>
        <source>binary data, not text</source>
        <translation>这是二进制数据，不是文本</translation>
    </message>
    <message>
        <source>the file was written with UTF-16 offsets or broken escapes</source>
        <translation>文件是按 UTF-16 偏移写的，或转义字符有误</translation>
    </message>
    <message>
        <source>split it into several documents, or set {variable} to a larger number</source>
        <translation>请把它拆成几篇文档，或把 {variable} 设为更大的数</translation>
    </message>
    <message>
        <source>import it with --no-prelabel, or split it into several documents</source>
        <translation>导入时不做预标注（命令行 import --no-prelabel），或把它拆成几篇文档</translation>
    </message>
    <message>
        <source>split it into several documents</source>
        <translation>把它拆成几篇文档</translation>
    </message>
    <message>
        <source>set {variable} to a larger number if they are all meant</source>
        <translation>如果它们都是有意的，请把 {variable} 设为更大的数</translation>
    </message>
    <message>
        <source>is it one record? set {variable} to a larger number of megabytes to read it</source>
        <translation>这是一条记录吗？要读取它，请把 {variable} 设为更大的兆字节数</translation>
    </message>
    <message>
        <source>set {variable} to a larger number of megabytes to read it</source>
        <translation>要读取它，请把 {variable} 设为更大的兆字节数</translation>
    </message>
    <message>
        <source>a token holding a space or tab?</source>
        <translation>是否有词含空格或制表符？</translation>
    </message>
    <message>
        <source>give {variable} a positive number</source>
        <translation>请给 {variable} 设一个正数</translation>
    </message>
    <message>
        <source>give a number of megabytes, e.g. 1024</source>
        <translation>请给出兆字节数，例如 1024</translation>
    </message>
    <message>
        <source>merge the annotators&apos; files</source>
        <translation>请合并各标注员的文件</translation>
    </message>
    <message>
        <source>name each file, e.g. {path}</source>
        <translation>请逐个指定文件，例如 {path}</translation>
    </message>
    <message>
        <source>name the format with --format</source>
        <translation>请用 --format 指定格式</translation>
    </message>
    <message>
        <source>is it another project&apos;s file? if not, add it to the schema first: `annotator schema --import`</source>
        <translation>这是另一个项目的文件吗？如果不是，请先把它添加到标注体系中（编辑 → 标注体系…，或命令行 annotator schema --import）</translation>
    </message>
    <message>
        <source>add them to the schema (Edit → Schema…) and import the file again, or rename them in the file; nothing of this file was imported</source>
        <translation>请在标注体系中添加它们（编辑 → 标注体系…）后重新导入，或在文件中把它们改为已有的名称；该文件的内容都没有导入</translation>
    </message>
    <message>
        <source>add it to the schema (Edit → Schema…) and import the file again, or rename it in the file to one the schema has</source>
        <translation>请在标注体系中添加它（编辑 → 标注体系…）后重新导入，或在文件中把它改为标注体系已有的名称</translation>
    </message>
    <message>
        <source>convert it to UTF-8, or import it with the command line&apos;s --encoding</source>
        <translation>请转换为 UTF-8，或用命令行 import --encoding 导入</translation>
    </message>
    <message>
        <source>convert the file, or import it with the command line&apos;s --format ({names}); nothing was imported</source>
        <translation>请转换文件，或用命令行 import --format（{names}）导入；没有导入任何内容</translation>
    </message>
    <message>
        <source>one file holds one format; import it with the command line&apos;s --format to choose</source>
        <translation>一个文件只能是一种格式；请用命令行 import --format 指定</translation>
    </message>
    <message>
        <source>import it with the command line&apos;s --format</source>
        <translation>请用命令行 import --format 指定格式导入</translation>
    </message>
    <message>
        <source>split it into several documents, or import it with the command line&apos;s --no-prelabel</source>
        <translation>请把它拆成几篇文档，或用命令行 import --no-prelabel 导入（不做预标注）</translation>
    </message>
    <message>
        <source>another process</source>
        <translation>另一个进程</translation>
    </message>
    <message>
        <source>{user} (process {pid} on {host}, since {since})</source>
        <translation>{user}（{host} 上的进程 {pid}，{since} 起）</translation>
    </message>
    <message>
        <source>document {id}</source>
        <translation>文档 {id}</translation>
    </message>
    <message>
        <source>document {id}, span {span}</source>
        <translation>文档 {id} 的片段 {span}</translation>
    </message>
    <message>
        <source>document {id}, event {event}</source>
        <translation>文档 {id} 的事件 {event}</translation>
    </message>
    <message>
        <source>document {id}, an argument of event {event}</source>
        <translation>文档 {id} 中事件 {event} 的一个论元</translation>
    </message>
    <message>
        <source>its setting {key}</source>
        <translation>其设置 {key}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>field {name}</source>
        <translation>字段 {name}</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>a FIFO (named pipe)</source>
        <translation>FIFO（命名管道）</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>label(s) {labels}</source>
        <translation>标签 {labels}</translation>
    </message>
    <message>
        <source>event type(s) {types}</source>
        <translation>事件类型 {types}</translation>
    </message>
    <message>
        <source>label(s) {labels} and event type(s) {types}</source>
        <translation>标签 {labels} 和事件类型 {types}</translation>
    </message>
    <message>
        <source>{detail} at column {column}</source>
        <translation>{detail}（第 {column} 列）</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>缺少值</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>应为双引号括起的属性名</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>缺少逗号分隔符</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>缺少冒号分隔符</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>含无效的控制字符</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>含无效的转义字符</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>有多余的数据</translation>
    </message>
    <message>
        <source>Unexpected UTF-8 BOM (decode using utf-8-sig)</source>
        <translation>意外的 UTF-8 字节顺序标记</translation>
    </message>
    <message>
        <source>NoneType</source>
        <translation>空值（null）</translation>
    </message>
    <message>
        <source>bool</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>int</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>float</source>
        <translation>小数</translation>
    </message>
    <message>
        <source>str</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit</source>
        <translation>整数超过了 Python 转换的位数上限（{limit} 位）：这个值有 {digits} 位</translation>
    </message>
    <message>
        <source>Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit</source>
        <translation>整数超过了 Python 转换的位数上限（{limit} 位）</translation>
    </message>
    <message>
        <source>invalid start byte</source>
        <translation>无效的起始字节</translation>
    </message>
    <message>
        <source>invalid continuation byte</source>
        <translation>无效的后续字节</translation>
    </message>
    <message>
        <source>unexpected end of data</source>
        <translation>数据意外结束</translation>
    </message>
    <message>
        <source>Bad CRC-32 for file {name}</source>
        <translation>文件 {name} 的 CRC-32 校验值不符</translation>
    </message>
    <message>
        <source>File is not a zip file</source>
        <translation>不是 zip 文件</translation>
    </message>
    <message>
        <source>Bad magic number for file header</source>
        <translation>文件头的标识不对</translation>
    </message>
    <message>
        <source>Bad magic number for central directory</source>
        <translation>中央目录的标识不对</translation>
    </message>
    <message>
        <source>Truncated file header</source>
        <translation>文件头不完整</translation>
    </message>
    <message>
        <source>Truncated central directory</source>
        <translation>中央目录不完整</translation>
    </message>
    <message>
        <source>zipfiles that span multiple disks are not supported</source>
        <translation>不支持跨多个磁盘的 zip 文件</translation>
    </message>
    <message>
        <source>That compression method is not supported</source>
        <translation>不支持这种压缩方法</translation>
    </message>
    <message>
        <source>File {name} is encrypted, password required for extraction</source>
        <translation>文件 {name} 已加密，解压需要密码</translation>
    </message>
    <message>
        <source>Overlapped entries: {name} (possible zip bomb)</source>
        <translation>条目重叠：{name}（可能是 zip 炸弹）</translation>
    </message>
    <message>
        <source>Error {code} while decompressing data: {detail}</source>
        <translation>解压数据时出错（{code}）：{detail}</translation>
    </message>
    <message>
        <source>invalid stored block lengths</source>
        <translation>存储块长度无效</translation>
    </message>
    <message>
        <source>invalid block type</source>
        <translation>块类型无效</translation>
    </message>
    <message>
        <source>invalid distance too far back</source>
        <translation>回溯距离无效</translation>
    </message>
    <message>
        <source>Compressed file ended before the end-of-stream marker was reached</source>
        <translation>压缩数据在流结束标记之前就结束了</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>是文件夹</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>{where}: {reason} ({hint})</source>
        <translation>{where}：{reason}。
{hint}。</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}：{reason}</translation>
    </message>
    <message>
        <source>{reason} ({hint})</source>
        <translation>{reason}。
{hint}。</translation>
    </message>
    <message>
        <source>{path}:{line}</source>
        <translation>{path} 第 {line} 行</translation>
    </message>
</context>
<context>
    <name>EventWarning</name>
    <message>
        <source>event type {type} is not in the schema</source>
        <translation>事件类型 {type} 不在标注方案中</translation>
    </message>
    <message>
        <source>{type} has no trigger</source>
        <translation>{type} 没有触发词</translation>
    </message>
    <message>
        <source>the trigger span {span_id} was rejected</source>
        <translation>触发词片段 {span_id} 已被拒绝</translation>
    </message>
    <message>
        <source>the trigger span {span_id} is not in the document</source>
        <translation>触发词片段 {span_id} 不在本文档中</translation>
    </message>
    <message>
        <source>the {role} span {span_id} was rejected</source>
        <translation>{role} 片段 {span_id} 已被拒绝</translation>
    </message>
    <message>
        <source>the {role} span {span_id} is not in the document</source>
        <translation>{role} 片段 {span_id} 不在本文档中</translation>
    </message>
    <message>
        <source>{type} has no role {role}</source>
        <translation>{type} 没有角色 {role}</translation>
    </message>
    <message>
        <source>{role} of {type} takes {labels}, not {label} ({span})</source>
        <translation>{type} 的 {role} 只接受 {labels}，不接受 {label}（{span}）</translation>
    </message>
    <message>
        <source>{role} {span} is in another sentence than the trigger {trigger}</source>
        <translation>{role} {span} 与触发词 {trigger} 不在同一句中</translation>
    </message>
    <message>
        <source>{type}: {role} is missing</source>
        <translation>{type}：缺少 {role}</translation>
    </message>
    <message>
        <source>{type}: {role} needs {wanted}, has {count}</source>
        <translation>{type}：{role} 需要 {wanted} 个，现有 {count} 个</translation>
    </message>
    <message>
        <source>{type}: {role} takes at most {wanted}, has {count}</source>
        <translation>{type}：{role} 最多 {wanted} 个，现有 {count} 个</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>suggested event {event} · Enter on its trigger: accept it with its arguments · Tab: its arguments (Enter accepts one, X rejects it, R re-roles it) · X: reject</source>
        <translation>建议的事件 {event} · 在触发词上按 Enter：连同论元一起接受 · Tab：逐个论元（Enter 接受，X 拒绝，R 改换角色） · X：拒绝</translation>
    </message>
    <message>
        <source>event {event} · Tab: next entity · R: give it a role · Esc Esc: leave the event</source>
        <translation>事件 {event} · Tab：下一个实体 · R：指定论元角色 · Esc Esc：离开事件</translation>
    </message>
    <message>
        <source>no events in this document · select a trigger and press E</source>
        <translation>本文档没有事件 · 选中触发词后按 E</translation>
    </message>
    <message>
        <source>no entities in this document · select text and give it a label or a role (R)</source>
        <translation>本文档没有实体 · 选中文本后给它标签或角色（R）</translation>
    </message>
    <message>
        <source>left the event</source>
        <translation>已离开事件</translation>
    </message>
    <message>
        <source>Accept event {type} {text}</source>
        <translation>接受事件 {type} {text}</translation>
    </message>
    <message>
        <source>no trigger suggestions to accept</source>
        <translation>没有可接受的触发词预标注</translation>
    </message>
    <message>
        <source>Accept {count} trigger suggestions as events?

Each becomes an event with its suggested arguments, and without arguments where none were suggested: roles it lacks are still to give (R), and until then it shows a missing-role warning, Ctrl+Enter asks about it and the export names the document.</source>
        <translation>将 {count} 个触发词建议接受为事件？

每个都成为事件，并带上其建议的论元；没有建议论元的则不带论元：缺少的角色仍需指定（R），在此之前会显示缺少角色的警告，Ctrl+Enter 会询问，导出时也会列出该文档。</translation>
    </message>
    <message>
        <source>Accept {count} trigger suggestions</source>
        <translation>接受 {count} 条触发词预标注</translation>
    </message>
    <message>
        <source>accepted {created} events; {missing} still miss required roles · R gives the selected entity a role · ] next event</source>
        <translation>已接受 {created} 个事件；{missing} 个仍缺少必需的论元角色 · R 为所选实体指定角色 · ] 下一个事件</translation>
    </message>
    <message>
        <source>Event type for 「{word}」</source>
        <translation>「{word}」的事件类型</translation>
    </message>
    <message>
        <source>Change the event type of 「{word}」</source>
        <translation>更改「{word}」的事件类型</translation>
    </message>
    <message>
        <source>Event {type} {text}</source>
        <translation>事件 {type} {text}</translation>
    </message>
    <message>
        <source>Event type {old} → {new}</source>
        <translation>事件类型 {old} → {new}</translation>
    </message>
    <message>
        <source>New event {type} {text}</source>
        <translation>新建事件 {type} {text}</translation>
    </message>
    <message>
        <source>the project is open read-only: events cannot be changed</source>
        <translation>项目以只读方式打开：不能修改事件</translation>
    </message>
    <message>
        <source>select an event first: a trigger and E, or ] / [ to go to one</source>
        <translation>请先选择事件：选中触发词按 E，或用 ] / [ 跳到事件</translation>
    </message>
    <message>
        <source>{type} is not in the schema: it has no roles</source>
        <translation>{type} 不在标注体系中：它没有论元角色</translation>
    </message>
    <message>
        <source>a trigger cannot fill a role · select an entity (Tab) or some text</source>
        <translation>触发词不能充当论元 · 请选择实体（Tab）或一段文本</translation>
    </message>
    <message>
        <source>{what} cannot fill a role of {type}: {allowed}</source>
        <translation>{what} 不能充当 {type} 的论元：{allowed}</translation>
    </message>
    <message>
        <source>{role} of {type}: {text}</source>
        <translation>{type} 的 {role}：{text}</translation>
    </message>
    <message>
        <source>Role of {what} in {event}</source>
        <translation>{what} 在 {event} 中的论元角色</translation>
    </message>
    <message>
        <source>{role} · new {label}</source>
        <translation>{role} · 新建 {label}</translation>
    </message>
    <message>
        <source>{role} · text only</source>
        <translation>{role} · 仅文本</translation>
    </message>
    <message>
        <source>Accept {role} of {type}: {text}</source>
        <translation>接受 {type} 的 {role}：{text}</translation>
    </message>
    <message>
        <source>Reject {role} of {type}: {text}</source>
        <translation>拒绝 {type} 的 {role}：{text}</translation>
    </message>
    <message>
        <source>select an event (] / [) and one of its arguments first</source>
        <translation>请先选择事件（] / [）及其一个论元</translation>
    </message>
    <message>
        <source>「{text}」 has no role in {type}</source>
        <translation>「{text}」在 {type} 中没有论元角色</translation>
    </message>
    <message>
        <source>Remove {roles} of {type}</source>
        <translation>移除 {type} 的 {roles}</translation>
    </message>
    <message>
        <source>filled ×{n}</source>
        <translation>已填 ×{n}</translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <source>{type} (unknown)</source>
        <translation>{type}（未知）</translation>
    </message>
    <message>
        <source>no events</source>
        <translation>没有事件</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hint(s)</source>
        <translation>
            <numerusform>%n 个提示</numerusform>
        </translation>
    </message>
    <message>
        <source>select a trigger and press E</source>
        <translation>选中触发词后按 E</translation>
    </message>
    <message>
        <source>(no trigger)</source>
        <translation>（无触发词）</translation>
    </message>
    <message>
        <source> · suggested</source>
        <translation> · 建议</translation>
    </message>
    <message>
        <source>suggested: Enter on its trigger accepts it with its arguments</source>
        <translation>建议：在触发词上按 Enter，连同论元一起接受</translation>
    </message>
    <message>
        <source> (suggested)</source>
        <translation>（建议）</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>open or create a project first, then import</source>
        <translation>请先打开或新建项目，再导入</translation>
    </message>
    <message>
        <source>import cancelled: nothing was imported</source>
        <translation>已取消导入：没有导入任何内容</translation>
    </message>
    <message>
        <source>Some files were not imported:</source>
        <translation>有些文件没有导入：</translation>
    </message>
    <message>
        <source>Notes on the imported files:</source>
        <translation>关于所导入文件的说明：</translation>
    </message>
    <message>
        <source>export cancelled: no file was written</source>
        <translation>已取消导出：没有写入任何文件</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the document (Enter: next, Esc: close)</source>
        <translation>在文档中查找（Enter：下一个，Esc：关闭）</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>关闭查找栏（Esc）</translation>
    </message>
</context>
<context>
    <name>FinishReviewDialog</name>
    <message>
        <source>Mark reviewed?</source>
        <translation>标为已审阅？</translation>
    </message>
    <message>
        <source>This document still holds {0}.</source>
        <translation>本文档仍有 {0}。</translation>
    </message>
    <message>
        <source>An export leaves undecided suggestions out.</source>
        <translation>导出时不包含未判定的预标注。</translation>
    </message>
    <message>
        <source>Accepted trigger suggestions become events that still need their roles.</source>
        <translation>接受的触发词预标注会成为仍需指定论元角色的事件。</translation>
    </message>
    <message>
        <source>Accepting the rest accepts suggested events with their suggested arguments.</source>
        <translation>接受其余建议时，建议的事件连同其建议的论元一起接受。</translation>
    </message>
    <message>
        <source>… and {0} more warnings</source>
        <translation>……另有 {0} 个警告</translation>
    </message>
    <message>
        <source>&amp;Accept the rest</source>
        <translation>接受其余(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject the rest</source>
        <translation>拒绝其余(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation>标为已审阅(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>返回(&amp;G)</translation>
    </message>
    <message>
        <source>Remember my choice (Review → Ask again before marking reviewed)</source>
        <translation>记住我的选择（审阅 → 标为已审阅前重新询问）</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>imported %n document(s)</source>
        <translation>已导入 %n 篇文档</translation>
    </message>
    <message>
        <source> from %n file(s)</source>
        <translation>，来自 %n 个文件</translation>
    </message>
    <message>
        <source>%n already in the project</source>
        <translation>%n 篇已在项目中</translation>
    </message>
    <message>
        <source>%n file(s) refused</source>
        <translation>%n 个文件被拒绝</translation>
    </message>
    <message>
        <source>%n not read (links out of the folder, or not regular files)</source>
        <translation>%n 项未读取（指向文件夹外的链接，或不是普通文件）</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>Next token</source>
        <translation>下一个词</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>上一个词</translation>
    </message>
    <message>
        <source>Extend the selection by a token</source>
        <translation>选区向右扩展一个词</translation>
    </message>
    <message>
        <source>Extend the selection leftwards by a token</source>
        <translation>选区向左扩展一个词</translation>
    </message>
    <message>
        <source>Select the next character</source>
        <translation>选择下一个字</translation>
    </message>
    <message>
        <source>Select the previous character</source>
        <translation>选择上一个字</translation>
    </message>
    <message>
        <source>Extend the selection by a character</source>
        <translation>选区扩展一个字</translation>
    </message>
    <message>
        <source>Shrink the selection by a character</source>
        <translation>选区收缩一个字</translation>
    </message>
    <message>
        <source>Token on the next line</source>
        <translation>下一行的词</translation>
    </message>
    <message>
        <source>Token on the previous line</source>
        <translation>上一行的词</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>第一个词</translation>
    </message>
    <message>
        <source>Last token</source>
        <translation>最后一个词</translation>
    </message>
    <message>
        <source>Next suggestion (with an event selected: next entity)</source>
        <translation>下一个预标注（选中事件时：下一个实体）</translation>
    </message>
    <message>
        <source>Previous suggestion (with an event selected: previous entity)</source>
        <translation>上一个预标注（选中事件时：上一个实体）</translation>
    </message>
    <message>
        <source>Back to the token cursor (there: leave the selected event)</source>
        <translation>回到词光标（已在词光标时：离开所选事件）</translation>
    </message>
    <message>
        <source>Accept the suggestion</source>
        <translation>接受预标注</translation>
    </message>
    <message>
        <source>Reject the suggestion / delete the span</source>
        <translation>拒绝预标注 / 删除片段</translation>
    </message>
    <message>
        <source>Accept all suggestions with this span&apos;s label</source>
        <translation>接受与此片段同标签的全部预标注</translation>
    </message>
    <message>
        <source>Accept all entity suggestions in the document</source>
        <translation>接受本文档中全部实体预标注</translation>
    </message>
    <message>
        <source>Accept all trigger suggestions as events (their roles still to give)</source>
        <translation>将全部触发词预标注接受为事件（论元角色仍需指定）</translation>
    </message>
    <message>
        <source>Reject every entity and trigger suggestion in the document (Ctrl+Z brings them back)</source>
        <translation>拒绝本文档中所有实体和触发词的预标注建议（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>Span end one token right</source>
        <translation>片段结尾右移一个词</translation>
    </message>
    <message>
        <source>Span end one token left</source>
        <translation>片段结尾左移一个词</translation>
    </message>
    <message>
        <source>Span start one token left</source>
        <translation>片段开头左移一个词</translation>
    </message>
    <message>
        <source>Span start one token right</source>
        <translation>片段开头右移一个词</translation>
    </message>
    <message>
        <source>Split the token before the selected character</source>
        <translation>在所选字之前切分词</translation>
    </message>
    <message>
        <source>Split and remember both words</source>
        <translation>切分并记住两个词</translation>
    </message>
    <message>
        <source>Merge the token with the next (or the selected tokens)</source>
        <translation>与下一个词合并（或合并所选的词）</translation>
    </message>
    <message>
        <source>Merge and remember the word</source>
        <translation>合并并记住该词</translation>
    </message>
    <message>
        <source>Copy the selected text</source>
        <translation>复制所选文本</translation>
    </message>
    <message>
        <source>New event on the selection (on a trigger: change the type)</source>
        <translation>以选区新建事件（在触发词上：更改类型）</translation>
    </message>
    <message>
        <source>Give the selected entity or text a role in the selected event</source>
        <translation>让所选实体或文本在所选事件中充当论元角色</translation>
    </message>
    <message>
        <source>Take the selected span out of the selected event</source>
        <translation>把所选片段移出所选事件</translation>
    </message>
    <message>
        <source>Next event</source>
        <translation>下一个事件</translation>
    </message>
    <message>
        <source>Previous event</source>
        <translation>上一个事件</translation>
    </message>
    <message>
        <source>Mark reviewed, open the next unreviewed document</source>
        <translation>标为已审阅，打开下一篇未审阅文档</translation>
    </message>
    <message>
        <source>Ask again before marking reviewed with undecided suggestions</source>
        <translation>有未判定的预标注时，标为已审阅前重新询问</translation>
    </message>
    <message>
        <source>Skip the document, open the next unreviewed one</source>
        <translation>跳过本文档，打开下一篇未审阅文档</translation>
    </message>
    <message>
        <source>Next unreviewed document</source>
        <translation>下一篇未审阅文档</translation>
    </message>
    <message>
        <source>Previous unreviewed document</source>
        <translation>上一篇未审阅文档</translation>
    </message>
    <message>
        <source>Go to the document list</source>
        <translation>转到文档列表</translation>
    </message>
    <message>
        <source>Go to the article</source>
        <translation>转到文章</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find in the document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <source>Find the next match</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Find across the project</source>
        <translation>在整个项目中查找</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Show token boundaries</source>
        <translation>显示词边界</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Close project</source>
        <translation>关闭项目</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About annotator</source>
        <translation>关于 annotator</translation>
    </message>
    <message>
        <source>Label as {name}</source>
        <translation>标为 {name}</translation>
    </message>
    <message>
        <source>Accept all {name} suggestions</source>
        <translation>接受全部 {name} 预标注</translation>
    </message>
    <message>
        <source>New {type} event on the selection</source>
        <translation>以选区新建 {type} 事件</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Decide</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Resize</source>
        <translation>调整范围</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>分词</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队协作</translation>
    </message>
    <message>
        <source>Retrain the model now</source>
        <translation>立即重新训练模型</translation>
    </message>
    <message>
        <source>Stop retraining</source>
        <translation>停止重新训练</translation>
    </message>
    <message>
        <source>Schema…</source>
        <translation>标注体系…</translation>
    </message>
    <message>
        <source>Adjudicate this document…</source>
        <translation>裁决本文档…</translation>
    </message>
    <message>
        <source>Agreement between annotators…</source>
        <translation>标注员之间的一致性…</translation>
    </message>
    <message>
        <source>Merge annotators&apos; project files…</source>
        <translation>合并标注员的项目文件…</translation>
    </message>
    <message>
        <source>Statistics…</source>
        <translation>统计…</translation>
    </message>
    <message>
        <source>Next document in file order</source>
        <translation>下一篇文档：按文件顺序</translation>
    </message>
    <message>
        <source>Next document: most informative first</source>
        <translation>下一篇文档：信息量最大的优先</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>{name} — key {key}</source>
        <translation>{name} — 快捷键 {key}</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>suggestion</source>
        <translation>预标注</translation>
    </message>
</context>
<context>
    <name>LabelPicker</name>
    <message>
        <source>any span</source>
        <translation>任意片段</translation>
    </message>
    <message>
        <source>Entity labels that may fill this role; none ticked: any span, labelled or not</source>
        <translation>可充当此角色的实体标签；都不勾选：任意片段，有无标签均可</translation>
    </message>
</context>
<context>
    <name>List</name>
    <message>
        <source>, </source>
        <comment>between the items of a list in a sentence</comment>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>LiveLine</name>
    <message>
        <source>Since the project was opened in this window</source>
        <translation>自本窗口打开项目以来</translation>
    </message>
    <message>
        <source>This session: %1 reviewed · suggestions %2 accepted, %3 changed</source>
        <translation>本次：已审阅 %1 篇 · 预标注接受 %2 条，修改 %3 条</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审阅(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Label as</source>
        <translation>标为</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Open it read-only to look at it?</source>
        <translation>以只读方式打开查看吗？</translation>
    </message>
    <message>
        <source>opened read-only: look, export, but no edits</source>
        <translation>已以只读方式打开：可查看、导出，不能编辑</translation>
    </message>
    <message>
        <source> [read-only]</source>
        <translation> [只读]</translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <source>relations (R lines)</source>
        <translation>关系（R 行）</translation>
    </message>
    <message>
        <source>attributes (A lines)</source>
        <translation>属性（A 行）</translation>
    </message>
    <message>
        <source>attributes (M lines)</source>
        <translation>属性（M 行）</translation>
    </message>
    <message>
        <source>normalisations (N lines)</source>
        <translation>规范化（N 行）</translation>
    </message>
    <message>
        <source>notes (# lines)</source>
        <translation>注释（# 行）</translation>
    </message>
    <message>
        <source>equivalences (* lines)</source>
        <translation>等价关系（* 行）</translation>
    </message>
    <message>
        <source>relations (R lines) kept for a brat export</source>
        <translation>关系（R 行；已保留，导出 brat 时写回）</translation>
    </message>
    <message>
        <source>attributes (A lines) kept for a brat export</source>
        <translation>属性（A 行；已保留，导出 brat 时写回）</translation>
    </message>
    <message>
        <source>attributes (M lines) kept for a brat export</source>
        <translation>属性（M 行；已保留，导出 brat 时写回）</translation>
    </message>
    <message>
        <source>normalisations (N lines) kept for a brat export</source>
        <translation>规范化（N 行；已保留，导出 brat 时写回）</translation>
    </message>
    <message>
        <source>notes (# lines) kept for a brat export</source>
        <translation>注释（# 行；已保留，导出 brat 时写回）</translation>
    </message>
    <message>
        <source>equivalences (* lines) kept for a brat export</source>
        <translation>等价关系（* 行；已保留，导出 brat 时写回）</translation>
    </message>
    <message>
        <source>event arguments that are events</source>
        <translation>本身是事件的事件论元</translation>
    </message>
    <message>
        <source>entity–entity relations (kept in metadata; doccano-rel writes them back)</source>
        <translation>实体之间的关系（保存在元数据中；导出 doccano-rel 时写回）</translation>
    </message>
    <message>
        <source>relations (kept in metadata only)</source>
        <translation>关系（只保存在元数据中）</translation>
    </message>
    <message>
        <source>arguments whose text is not in the document (kept in metadata, written back by a DuEE export)</source>
        <translation>文本不在文档中的论元（保存在元数据中，导出 DuEE 时写回）</translation>
    </message>
    <message>
        <source>triggers and arguments without a position, placed at the occurrence nearest their event (DuEE-Fin gives none): review them</source>
        <translation>没有位置的触发词和论元，已放在离所属事件最近的出现处（DuEE-Fin 不给位置）：请审阅</translation>
    </message>
    <message>
        <source>header row passed over (the columns&apos; names: {line})</source>
        <translation>跳过了表头行（各列名称：{line}）</translation>
    </message>
    <message>
        <source>{path} ({kind}): {items}</source>
        <translation>{path}（{kind} 格式）：{items}</translation>
    </message>
    <message>
        <source>{path}: not carried by the project ({kind}): {items}</source>
        <translation>{path}：项目无法保存的内容（{kind} 格式）：{items}</translation>
    </message>
    <message>
        <source>{count} {reason}</source>
        <translation>{count} 处{reason}</translation>
    </message>
</context>
<context>
    <name>OpenWork</name>
    <message>
        <source>1 entity</source>
        <translation>1 个实体</translation>
    </message>
    <message>
        <source>%n entities</source>
        <translation>%n 个实体</translation>
    </message>
    <message>
        <source>%n trigger(s)</source>
        <translation>%n 个触发词</translation>
    </message>
    <message>
        <source>%n event(s)</source>
        <translation>%n 个事件</translation>
    </message>
    <message>
        <source>%n argument(s)</source>
        <translation>%n 个论元</translation>
    </message>
    <message>
        <source>%n undecided suggestion(s)</source>
        <translation>%n 条未判定的预标注</translation>
    </message>
    <message>
        <source>{suggestions} ({kinds})</source>
        <translation>{suggestions}（{kinds}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>%n schema warning(s)</source>
        <translation>%n 个标注体系警告</translation>
    </message>
    <message>
        <source> (%n missing required role(s))</source>
        <translation>（%n 个缺少必需的论元角色）</translation>
    </message>
    <message>
        <source>nothing open</source>
        <translation>没有未完成的工作</translation>
    </message>
    <message>
        <source>%n reviewed document(s)</source>
        <translation>%n 篇已审阅文档</translation>
    </message>
    <message>
        <source>{documents} still holds {suggestions} (left out of the export) and {warnings}:</source>
        <translation>{documents}仍有 {suggestions}（导出时不包含）和 {warnings}：</translation>
    </message>
    <message>
        <source>{documents} still hold {suggestions} (left out of the export) and {warnings}:</source>
        <translation>{documents}仍有 {suggestions}（导出时不包含）和 {warnings}：</translation>
    </message>
    <message>
        <source>  … and {count} more (`annotator list --status reviewed` lists them)</source>
        <translation>  ……另有 {count} 篇（`annotator list --status reviewed` 可列出）</translation>
    </message>
</context>
<context>
    <name>Origin</name>
    <message>
        <source>jieba</source>
        <translation>结巴分词</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>dictionary</source>
        <translation>词典</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手工</translation>
    </message>
    <message>
        <source>triggers</source>
        <translation>触发词</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件建议</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>约剩 %1 秒</translation>
    </message>
</context>
<context>
    <name>RetrainText</name>
    <message>
        <source>learning the labels {labels}</source>
        <translation>学习标签 {labels}</translation>
    </message>
    <message>
        <source>learning by fine-tuning the starter</source>
        <translation>在初始模型上微调</translation>
    </message>
    <message>
        <source>learning by stacking on it</source>
        <translation>在初始模型之上叠加训练</translation>
    </message>
    <message>
        <source>fine-tuning on {docs} documents ({chars} characters, {rows} weight rows, {new} of them new)</source>
        <translation>在 {docs} 篇文档上微调（{chars} 字，{rows} 行权重，其中 {new} 行为新增）</translation>
    </message>
    <message>
        <source>{iterations} iterations, {evaluations} evaluations: converged</source>
        <translation>迭代 {iterations} 次，求值 {evaluations} 次：已收敛</translation>
    </message>
    <message>
        <source>{iterations} iterations, {evaluations} evaluations: stopped at the iteration limit</source>
        <translation>迭代 {iterations} 次，求值 {evaluations} 次：达到迭代上限后停止</translation>
    </message>
    <message>
        <source>{iterations} iterations, {evaluations} evaluations: {detail}</source>
        <translation>迭代 {iterations} 次，求值 {evaluations} 次：{detail}</translation>
    </message>
    <message>
        <source>training on {docs} documents ({chars} characters)</source>
        <translation>在 {docs} 篇文档上训练（{chars} 字）</translation>
    </message>
    <message>
        <source>epoch {epoch}: loss {loss} ({seconds} s)</source>
        <translation>第 {epoch} 轮：损失 {loss}（{seconds} 秒）</translation>
    </message>
    <message>
        <source>scoring the current model on {count} held-out documents</source>
        <translation>在 {count} 篇留出文档上为当前模型评分</translation>
    </message>
    <message>
        <source>learning the event model</source>
        <translation>学习事件模型</translation>
    </message>
    <message>
        <source>learning events from {events} events in {docs} documents</source>
        <translation>从 {docs} 篇文档的 {events} 个事件中学习</translation>
    </message>
    <message>
        <source>scoring the event models on {count} held-out documents</source>
        <translation>在 {count} 篇留出文档上为事件模型评分</translation>
    </message>
    <message>
        <source>Model retrained on {learned} of {reviewed} reviewed documents: F1 {old} → {new} on the other {held} (higher in {share} of resamplings) — {verdict}</source>
        <translation>模型已在 {reviewed} 篇已审阅文档中的 {learned} 篇上重新训练：在另外 {held} 篇上 F1 {old} → {new}（{share} 的重抽样中更高）— {verdict}</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>not clearly better, kept the previous model</source>
        <translation>没有明显更好，继续使用原来的模型</translation>
    </message>
    <message>
        <source>Model not retrained: {reason}</source>
        <translation>模型未重新训练：{reason}</translation>
    </message>
    <message>
        <source>{said}; {more}</source>
        <translation>{said}；{more}</translation>
    </message>
    <message>
        <source>too few reviewed examples to learn {counts}: a label needs {needed} in the documents learned from</source>
        <translation>已审阅的样例太少，无法学习 {counts}：每个标签在学习用的文档中至少需要 {needed} 个</translation>
    </message>
</context>
<context>
    <name>Retrainer</name>
    <message>
        <source>retraining</source>
        <translation>正在重新训练</translation>
    </message>
    <message>
        <source>open a project first</source>
        <translation>请先打开项目</translation>
    </message>
    <message>
        <source>the project is open read-only: its model cannot change</source>
        <translation>项目以只读方式打开：不能更改模型</translation>
    </message>
    <message>
        <source>the model is already retraining in the background</source>
        <translation>模型已在后台重新训练</translation>
    </message>
    <message>
        <source>no reviewed documents to learn from yet</source>
        <translation>还没有可供学习的已审阅文档</translation>
    </message>
    <message>
        <source>Not retrained: the model learns only from {needed} or more reviewed documents, some held out to check that a new model is clearly better; review {more} more</source>
        <translation>未重新训练：模型至少要有 {needed} 篇已审阅文档才学习，其中一部分留出，用来检验新模型是否明显更好；还需审阅 {more} 篇</translation>
    </message>
    <message>
        <source>the model is not retraining</source>
        <translation>模型没有在重新训练</translation>
    </message>
    <message>
        <source>retraining stopped: the model in use stays</source>
        <translation>已停止重新训练：继续使用当前模型</translation>
    </message>
    <message numerus="yes">
        <source>{busy} the model in the background on %n reviewed document(s)…</source>
        <translation>
            <numerusform>{busy}：模型在后台学习 %n 篇已审阅文档…</numerusform>
        </translation>
    </message>
    <message>
        <source>{busy} in the background: {line}</source>
        <translation>{busy}（后台）：{line}</translation>
    </message>
    <message>
        <source>background retraining failed: {reason}</source>
        <translation>后台重新训练失败：{reason}</translation>
    </message>
    <message>
        <source>event model not retrained: {reason}</source>
        <translation>事件模型未重新训练：{reason}</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>not clearly better, the event model in use stays</source>
        <translation>没有明显更好，继续使用当前的事件模型</translation>
    </message>
    <message>
        <source>event model retrained on {learned} documents with events: F1 {old} → {new} on the other {held} (higher in {share} of resamplings) — {verdict}</source>
        <translation>事件模型已在 {learned} 篇含事件的文档上重新训练：在另外 {held} 篇上 F1 {old} → {new}（{share} 的重抽样中更高）— {verdict}</translation>
    </message>
    <message>
        <source>the training process ended with code {code}</source>
        <translation>训练进程退出，返回码 {code}</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>no suggestions left · Ctrl+Enter marks the document reviewed</source>
        <translation>没有剩余预标注 · Ctrl+Enter 将文档标为已审阅</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Accept {label} {text}</source>
        <translation>接受 {label} {text}</translation>
    </message>
    <message>
        <source>reject or delete</source>
        <translation>拒绝或删除</translation>
    </message>
    <message>
        <source>Reject {label} {text}</source>
        <translation>拒绝 {label} {text}</translation>
    </message>
    <message>
        <source>Delete {label} {text}</source>
        <translation>删除 {label} {text}</translation>
    </message>
    <message>
        <source>take the label from</source>
        <translation>取其标签</translation>
    </message>
    <message>
        <source>Accept all entity suggestions</source>
        <translation>接受全部实体预标注</translation>
    </message>
    <message>
        <source>accepted all entity suggestions</source>
        <translation>已接受全部实体预标注</translation>
    </message>
    <message>
        <source>no entity suggestions to accept</source>
        <translation>没有可接受的实体预标注</translation>
    </message>
    <message>
        <source>no suggestions to reject</source>
        <translation>没有可拒绝的建议</translation>
    </message>
    <message>
        <source>Reject all suggestions</source>
        <translation>拒绝全部建议</translation>
    </message>
    <message>
        <source>rejected %n suggestion(s) · Ctrl+Z brings them back</source>
        <translation>已拒绝 %n 条建议 · Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <source>Accept all {label}</source>
        <translation>接受全部 {label}</translation>
    </message>
    <message>
        <source>accepted all {label} suggestions</source>
        <translation>已接受全部 {label} 预标注</translation>
    </message>
    <message>
        <source>no {label} suggestions to accept</source>
        <translation>没有可接受的 {label} 预标注</translation>
    </message>
    <message>
        <source>already {label}</source>
        <translation>已经是 {label}</translation>
    </message>
    <message>
        <source>Relabel {old} → {new}</source>
        <translation>改标 {old} → {new}</translation>
    </message>
    <message>
        <source>Label {label} {text}</source>
        <translation>标注 {label} {text}</translation>
    </message>
    <message>
        <source>resize</source>
        <translation>调整范围</translation>
    </message>
    <message>
        <source>the span cannot move that way</source>
        <translation>片段不能往这个方向移动</translation>
    </message>
    <message>
        <source>Resize {label} {text}</source>
        <translation>调整 {label} {text}</translation>
    </message>
    <message>
        <source>select a character inside a token first (Alt+→ or Alt+click): the token splits before it</source>
        <translation>请先选中词内的一个字（Alt+→ 或 Alt+点击）：词将在它之前切分</translation>
    </message>
    <message>
        <source>Split {left}|{right}</source>
        <translation>切分 {left}|{right}</translation>
    </message>
    <message>
        <source>the last token has nothing to merge with</source>
        <translation>最后一个词没有可合并的词</translation>
    </message>
    <message>
        <source>tokens on different lines cannot be merged</source>
        <translation>不同行的词不能合并</translation>
    </message>
    <message>
        <source>Merge {word}</source>
        <translation>合并 {word}</translation>
    </message>
    <message>
        <source>merged; 「{word}」 is in the project dictionary</source>
        <translation>已合并；「{word}」已加入项目词典</translation>
    </message>
    <message>
        <source>not marked reviewed: {work} · Tab: next suggestion · ]: next event</source>
        <translation>未标为已审阅：{work} · Tab：下一个预标注 · ]：下一个事件</translation>
    </message>
    <message>
        <source>Mark {status}</source>
        <translation>状态改为{status}</translation>
    </message>
    <message>
        <source> (%n suggestion(s) left undecided)</source>
        <translation>（还有 %n 条预标注未判定）</translation>
    </message>
    <message>
        <source> ({count} schema warnings kept)</source>
        <translation>（保留 {count} 个标注体系警告）</translation>
    </message>
    <message>
        <source>marked {status}{note} · every document is done</source>
        <translation>状态改为{status}{note} · 所有文档都已完成</translation>
    </message>
    <message>
        <source>marked {status}{note} · opened the next document to review</source>
        <translation>状态改为{status}{note} · 已打开下一篇待审阅文档</translation>
    </message>
    <message>
        <source>The annotators&apos; versions of this document differ: settle them in the adjudication dialog (Ctrl+J), which marks it reviewed</source>
        <translation>标注员对本文档的版本存在分歧：请在裁决对话框（Ctrl+J）中处理，由它标为已审阅</translation>
    </message>
    <message>
        <source>Ctrl+Enter will ask again what to do with undecided suggestions</source>
        <translation>Ctrl+Enter 将重新询问如何处理未判定的预标注</translation>
    </message>
    <message>
        <source>every document is done</source>
        <translation>所有文档都已完成</translation>
    </message>
    <message>
        <source>no span here to {what} · Tab selects the next suggestion</source>
        <translation>这里没有可{what}的片段 · Tab 选择下一个预标注</translation>
    </message>
</context>
<context>
    <name>ReviewOrder</name>
    <message>
        <source>the next document to review: the one the model would learn most from</source>
        <translation>下一篇待审阅文档：模型能从中学到最多的那篇</translation>
    </message>
    <message>
        <source>the next document to review: in file order</source>
        <translation>下一篇待审阅文档：按文件顺序</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Read-only: this project is open for writing elsewhere or cannot be written. You can read and export; edits are off.</source>
        <translation>只读：此项目正在别处写入，或无法写入。你可以阅读和导出；编辑已关闭。</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>No document open. Import articles with File → Import files… (Ctrl+I) or Import a folder… (Ctrl+Shift+I), or drop files on the window.</source>
        <translation>没有打开的文档。用 文件 → 导入文件…（Ctrl+I）或 导入文件夹…（Ctrl+Shift+I）导入文章，或把文件拖到窗口上。</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Read-only: {why}. You can read and export; edits are off.</source>
        <translation>只读：{why}。你可以阅读和导出；编辑已关闭。</translation>
    </message>
    <message>
        <source>suggest again with the new model</source>
        <translation>用新模型重新预标注</translation>
    </message>
    <message>
        <source>document {id}</source>
        <translation>文档 {id}</translation>
    </message>
    <message>
        <source>saved {time}</source>
        <translation>已保存 {time}</translation>
    </message>
    <message>
        <source>not found: {text}</source>
        <translation>未找到：{text}</translation>
    </message>
    <message>
        <source>no document open</source>
        <translation>没有打开的文档</translation>
    </message>
    <message>
        <source>document {n} of {total}</source>
        <translation>第 {n} 篇，共 {total} 篇</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n 条预标注待审阅</numerusform>
        </translation>
    </message>
    <message>
        <source>no suggestions left</source>
        <translation>没有剩余预标注</translation>
    </message>
    <message>
        <source>「{text}」 no label</source>
        <translation>「{text}」无标签</translation>
    </message>
    <message>
        <source>suggestion</source>
        <translation>预标注</translation>
    </message>
    <message>
        <source> from {engine}</source>
        <translation>，来自 {engine}</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Hotkey</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Renaming a key moves the annotations that carry it. A change that would leave spans, events or arguments without their label, type or role is refused, and nothing is saved.</source>
        <translation>重命名键会把带这个键的标注一起迁移。若修改会让片段、事件或论元失去其标签、类型或角色，修改将被拒绝，什么也不保存。</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Without a hotkey the first nine labels take the keys 1–9. In use: accepted spans, or spans filling a role.</source>
        <translation>没有快捷键时，前九个标签使用数字键 1–9。使用中：已接受的片段，或充当论元的片段。</translation>
    </message>
    <message>
        <source>%n span(s) carry this label</source>
        <translation>%n 个片段带有此标签</translation>
    </message>
    <message>
        <source>not used yet</source>
        <translation>尚未使用</translation>
    </message>
    <message>
        <source>renamed from {key}: its spans move along</source>
        <translation>由 {key} 改名：其片段随之迁移</translation>
    </message>
    <message>
        <source>what exports carry; renaming it moves its spans along</source>
        <translation>导出时使用的键；改名会迁移其片段</translation>
    </message>
    <message>
        <source>Schema — {name}</source>
        <translation>标注体系 — {name}</translation>
    </message>
    <message>
        <source>Entity labels</source>
        <translation>实体标签</translation>
    </message>
    <message>
        <source>Event types</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>The project is open read-only: you can look at its schema but not change it.</source>
        <translation>项目以只读方式打开：可以查看标注体系，但不能修改。</translation>
    </message>
    <message>
        <source>Entity labels ({n})</source>
        <translation>实体标签（{n}）</translation>
    </message>
    <message>
        <source>Event types ({n})</source>
        <translation>事件类型（{n}）</translation>
    </message>
    <message>
        <source>{key} is carried by %n span(s): OK will refuse to remove it. To keep those spans under another key, rename the label instead.</source>
        <translation>{key} 有 %n 个片段在用：按“确定”将拒绝移除它。若想让这些片段改用其他键，请改为重命名该标签。</translation>
    </message>
    <message>
        <source>Its %n suggestion(s) labelled {key} will go with it when you press OK (Undo brings them back).</source>
        <translation>按“确定”后，标为 {key} 的 %n 条预标注会一并移除（撤销可恢复）。</translation>
    </message>
    <message>
        <source>Label {n} needs a key.</source>
        <translation>第 {n} 个标签需要一个键。</translation>
    </message>
    <message>
        <source>Event type {n} needs a key.</source>
        <translation>第 {n} 个事件类型需要一个键。</translation>
    </message>
    <message>
        <source>A role of {type} needs a name.</source>
        <translation>{type} 的一个论元角色需要名称。</translation>
    </message>
    <message>
        <source>Two labels have the key {key}; keys must differ.</source>
        <translation>有两个标签的键都是 {key}；键不能重复。</translation>
    </message>
    <message>
        <source>Two event types have the key {key}; keys must differ.</source>
        <translation>有两个事件类型的键都是 {key}；键不能重复。</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Not saved: this change would leave annotations without a home.</source>
        <translation>未保存：此修改会让一些标注失去归属。</translation>
    </message>
    <message>
        <source>change them first</source>
        <translation>请先修改它们</translation>
    </message>
    <message>
        <source>To go on: {advice}.</source>
        <translation>要继续：{advice}。</translation>
    </message>
    <message>
        <source>The hotkey “{hotkey}” of {key} is not a single key.</source>
        <translation>{key} 的快捷键“{hotkey}”不是单个按键。</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>The hotkey {hotkey} of {what} {key} already means “{action}”; choose another.</source>
        <translation>{what} {key} 的快捷键 {hotkey} 已用于“{action}”；请另选一个。</translation>
    </message>
    <message>
        <source>? at most one</source>
        <translation>? 至多一个</translation>
    </message>
    <message>
        <source>1 exactly one</source>
        <translation>1 恰好一个</translation>
    </message>
    <message>
        <source>* any number</source>
        <translation>* 任意个</translation>
    </message>
    <message>
        <source>+ one or more</source>
        <translation>+ 一个或多个</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>论元角色</translation>
    </message>
    <message>
        <source>Allowed labels</source>
        <translation>允许的标签</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Add type</source>
        <translation>添加类型</translation>
    </message>
    <message>
        <source>No event types yet. Add one to label events in this project.</source>
        <translation>还没有事件类型。添加一个即可在本项目中标注事件。</translation>
    </message>
    <message>
        <source>What exports carry; renaming it moves this type&apos;s events along</source>
        <translation>导出时使用的键；改名会迁移此类型的事件</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>example trigger words, separated by spaces or 、</source>
        <translation>触发词示例，用空格或“、”分隔</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>触发词</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>论元角色</translation>
    </message>
    <message>
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <source>%n event(s) of this type</source>
        <translation>此类型有 %n 个事件</translation>
    </message>
    <message>
        <source>no events of this type yet</source>
        <translation>此类型还没有事件</translation>
    </message>
    <message>
        <source>%n argument(s) fill this role</source>
        <translation>%n 个论元充当此角色</translation>
    </message>
    <message>
        <source>the project refused the change</source>
        <translation>项目拒绝了此修改</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Open the demo</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>A small project with a Chinese news article, to try the review keys on</source>
        <translation>一个含一篇中文新闻的小项目，可用来试用审阅快捷键</translation>
    </message>
    <message>
        <source>annotator — review Chinese news entities and events</source>
        <translation>annotator — 审阅中文新闻的实体与事件</translation>
    </message>
    <message>
        <source>Create or open a project, or drop a .annot file here. Article files dropped on an open project are imported.</source>
        <translation>新建或打开项目，或把 .annot 文件拖到这里。拖到已打开项目上的文章文件会被导入。</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>No recent projects yet: create one, or open the demo to try the review keys.</source>
        <translation>还没有最近的项目：新建一个，或打开示例试试审阅按键。</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>accepted</source>
        <translation>原样接受</translation>
    </message>
    <message>
        <source>relabelled</source>
        <translation>改标签</translation>
    </message>
    <message>
        <source>resized</source>
        <translation>改边界</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>open a project first</source>
        <translation>请先打开一个项目</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Documents per status</source>
        <translation>各审阅状态的文档数</translation>
    </message>
    <message>
        <source>Reviewed so far (burn-up)</source>
        <translation>累计已审阅（燃起图）</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>What became of the suggestions, per label</source>
        <translation>各标签预标注的审阅结果</translation>
    </message>
    <message>
        <source>Precision and recall per label</source>
        <translation>各标签的精确率与召回率</translation>
    </message>
    <message>
        <source>Precision and recall per engine</source>
        <translation>各引擎的精确率与召回率</translation>
    </message>
    <message>
        <source>The model&apos;s precision and recall, before and after each retraining</source>
        <translation>模型在每次重新训练前后的精确率与召回率</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>预标注</translation>
    </message>
    <message>
        <source>Entities per label</source>
        <translation>各标签的实体数</translation>
    </message>
    <message>
        <source>Events per type</source>
        <translation>各类型的事件数</translation>
    </message>
    <message>
        <source>Labels and events</source>
        <translation>标签与事件</translation>
    </message>
    <message>
        <source>Documents per annotator</source>
        <translation>各标注员的文档数</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Arguments per role: %1
Schema warnings: %2</source>
        <translation>各角色的论元：%1
标注体系警告：%2</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 of %2 document(s) reviewed.</source>
        <translation>%2 篇文档中已审阅 %1 篇。</translation>
    </message>
    <message>
        <source>Nothing left to review.</source>
        <translation>已全部审阅。</translation>
    </message>
    <message>
        <source>%1 left; no pace yet.</source>
        <translation>还剩 %1 篇；尚无进度速度。</translation>
    </message>
    <message>
        <source>%1 left at %2 a day: done in %3 day(s), about %4.</source>
        <translation>还剩 %1 篇，按每天 %2 篇：约 %3 天后完成，约 %4。</translation>
    </message>
    <message>
        <source>Time per document (long pauses left out): median %1 s over %2 document(s).</source>
        <translation>每篇文档用时（不计长时间停顿）：%2 篇的中位数 %1 秒。</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>starter</source>
        <translation>初始模型</translation>
    </message>
    <message>
        <source>retrained %1</source>
        <translation>第 %1 次重新训练</translation>
    </message>
    <message>
        <source>their documents</source>
        <translation>其文档</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>per hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>Assigned to them, annotated by them (a merged file or edits here) or reviewed by them</source>
        <translation>分派给其、由其标注（合并的文件或在此的编辑）或由其审核的文档</translation>
    </message>
    <message>
        <source>Their file merged, or reviewed by them here</source>
        <translation>其文件已合并，或由其在此审核</translation>
    </message>
    <message>
        <source>Time at work: edits here and their merged files&apos; time, long pauses left out</source>
        <translation>工作时间：在此的编辑与其合并文件记录的时间，不计长时间停顿</translation>
    </message>
    <message>
        <source>Documents per hour of time at work; – : too little work to tell (under %1 minutes)</source>
        <translation>每小时工作时间完成的文档数；–：工作太少，无法判断（不足 %1 分钟）</translation>
    </message>
    <message>
        <source>too little work to tell</source>
        <translation>工作太少，无法判断</translation>
    </message>
    <message>
        <source>Agreement: %1 document(s) reviewed by two or more; Krippendorff&apos;s α %2</source>
        <translation>一致性：%1 篇文档由两名及以上标注员审阅；Krippendorff α %2</translation>
    </message>
    <message>
        <source>No document was reviewed by two annotators yet.</source>
        <translation>还没有由两名标注员审阅的文档。</translation>
    </message>
    <message>
        <source>Per hour – : too little work to tell (under %1 minutes at work).</source>
        <translation>每小时为 – ：工作太少，无法判断（工作时间不足 %1 分钟）。</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>pre-annotated</source>
        <translation>已预标注</translation>
    </message>
    <message>
        <source>in-review</source>
        <translation>审阅中</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>已审阅</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>needs-adjudication</source>
        <translation>待裁决</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>预标注</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手工</translation>
    </message>
</context>
<context>
    <name>WarningKind</name>
    <message>
        <source>unknown-type</source>
        <translation>未知事件类型</translation>
    </message>
    <message>
        <source>no-trigger</source>
        <translation>缺触发词</translation>
    </message>
    <message>
        <source>missing-span</source>
        <translation>片段缺失</translation>
    </message>
    <message>
        <source>unknown-role</source>
        <translation>未知论元角色</translation>
    </message>
    <message>
        <source>label-not-allowed</source>
        <translation>标签不符</translation>
    </message>
    <message>
        <source>too-many-fillers</source>
        <translation>论元过多</translation>
    </message>
    <message>
        <source>missing-role</source>
        <translation>缺论元角色</translation>
    </message>
    <message>
        <source>other-sentence</source>
        <translation>跨句论元</translation>
    </message>
</context>
<context>
    <name>projectio</name>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>exported %n document(s)</source>
        <translation>已导出 %n 篇文档</translation>
    </message>
    <message>
        <source> (%1 entities, %2 events) to %3</source>
        <translation>（%1 个实体、%2 个事件），写入 %3</translation>
    </message>
    <message>
        <source>%1 does not carry %2 %3</source>
        <translation>%1 格式无法保存 %2 项：%3</translation>
    </message>
    <message>
        <source>Exported. Note:</source>
        <translation>已导出。注意：</translation>
    </message>
</context>
</TS>
