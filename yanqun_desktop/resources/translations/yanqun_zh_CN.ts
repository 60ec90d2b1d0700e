<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Yanqun</source>
        <translation>关于雁群</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Yanqun {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;雁群 {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Training records of community Party secretaries for the street offices of Nanshan District, Shenzhen: one studio, two pools, one camp.</source>
        <translation>深圳市南山区各街道社区党委书记人才培养记录：一室两库一营。</translation>
    </message>
    <message>
        <source>{0} (free software)</source>
        <translation>{0}（自由软件）</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>This office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Bundled fonts</source>
        <translation>随附字体</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Copy these details</source>
        <translation>复制以上信息</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Yanqun {0}</source>
        <translation>雁群 {0}</translation>
    </message>
    <message>
        <source>This office: {0}</source>
        <translation>本单位：{0}</translation>
    </message>
    <message>
        <source>Data folder: {0}</source>
        <translation>数据文件夹：{0}</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
</context>
<context>
    <name>AcceptRecommendationDialog</name>
    <message>
        <source>Take into the tutor pool</source>
        <translation>纳入师资库</translation>
    </message>
    <message>
        <source>Reason given by {0}: {1}</source>
        <translation>{0}推荐理由：{1}</translation>
    </message>
    <message>
        <source>the street</source>
        <translation>街道</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账户管理</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新增账户…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Set password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Issue a street administrator reset file…</source>
        <translation>签发街道管理员重置文件…</translation>
    </message>
    <message>
        <source>A new account, or one whose password you set, chooses its own password at its next sign-in. Accounts are never deleted: disable those no longer needed, so the audit log keeps its names.</source>
        <translation>新增的账户、以及被管理员重设密码的账户，下次登录时须自行设置新密码。账户不会被删除：不再使用的请停用，操作日志仍保留其姓名。</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until {0}</source>
        <translation>锁定至 {0}</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>需改密码</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未登录</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Role of {0}:</source>
        <translation>{0} 的角色：</translation>
    </message>
    <message>
        <source>Disable the account of {0}? They can no longer sign in.</source>
        <translation>停用 {0} 的账户？停用后将无法登录。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database {0} could not be opened:
{1}</source>
        <translation>无法打开数据库 {0}：
{1}</translation>
    </message>
    <message>
        <source>These packages were not opened; open them again once the database opens:
{0}</source>
        <translation>以下数据包没有打开，请在数据库能打开后再双击打开：
{0}</translation>
    </message>
    <message>
        <source>Database upgraded</source>
        <translation>数据库已升级</translation>
    </message>
    <message>
        <source>Choose this PC&apos;s office…</source>
        <translation>请在对话框中选择本机所属的街道…</translation>
    </message>
    <message>
        <source>Waiting for sign-in…</source>
        <translation>等待登录…</translation>
    </message>
    <message>
        <source>Demo data not generated</source>
        <translation>未生成演示数据</translation>
    </message>
    <message>
        <source>Generating demo data</source>
        <translation>正在生成演示数据</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>Growth archive — {0}</source>
        <translation>成长档案 — {0}</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Add entry…</source>
        <translation>新增记录…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{0} years old</source>
        <translation>{0} 岁</translation>
    </message>
    <message>
        <source>No personal details recorded</source>
        <translation>未登记个人信息</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Current positions: {0}</source>
        <translation>现任职务：{0}</translation>
    </message>
    <message>
        <source>Attended {0} sessions · {1} hours · attendance rate {2}</source>
        <translation>参加活动 {0} 次 · {1} 学时 · 出勤率 {2}</translation>
    </message>
    <message>
        <source>All ({0})</source>
        <translation>全部（{0}）</translation>
    </message>
    <message>
        <source>{0} entries</source>
        <translation>{0} 条</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>暂无档案记录。</translation>
    </message>
    <message>
        <source>No entries of this kind.</source>
        <translation>没有这一类的记录。</translation>
    </message>
    <message>
        <source>Delete the archive entry of {0} ({1})?</source>
        <translation>删除 {0} 的档案记录（{1}）？</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ArchiveEntryDialog</name>
    <message>
        <source>Edit archive entry</source>
        <translation>编辑档案记录</translation>
    </message>
    <message>
        <source>Add archive entry</source>
        <translation>新增档案记录</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>What happened, as the studio tells it</source>
        <translation>按工作室的记述填写发生的事</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Archive entry</source>
        <translation>档案记录</translation>
    </message>
</context>
<context>
    <name>ArchivePrint</name>
    <message>
        <source>No installed font has these characters; check them on the printout: {0}</source>
        <translation>本机字体都没有这些字，请在打印件上核对：{0}</translation>
    </message>
    <message>
        <source>Preparing the growth archive of {0}…</source>
        <translation>正在生成 {0} 的成长档案…</translation>
    </message>
    <message>
        <source>Growth archive — {0}</source>
        <translation>成长档案 — {0}</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <source>Growth archive</source>
        <translation>成长档案</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Assessments — {0}</source>
        <translation>能力测评 — {0}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>能力模型</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>测评人</translation>
    </message>
    <message>
        <source>Camp assessments are recorded by the district; a street can only view them.</source>
        <translation>青训营测评由区委组织部记录，街道只能查看。</translation>
    </message>
    <message>
        <source>Studio assessments are recorded by the streets; the district can only view them.</source>
        <translation>工作室测评由各街道记录，区级只能查看。</translation>
    </message>
    <message>
        <source>New assessment…</source>
        <translation>新增测评…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The chart compares the latest two assessments once there are any.</source>
        <translation>有测评后，雷达图对比最近两次测评。</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>能力模块</translation>
    </message>
    <message>
        <source>Earlier</source>
        <translation>前一次</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最近一次</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>History</source>
        <translation>测评记录</translation>
    </message>
    <message>
        <source>Delete the assessment of {0}?</source>
        <translation>删除 {0} 的测评？</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>AssessmentFormDialog</name>
    <message>
        <source>New assessment — {0}</source>
        <translation>新增测评 — {0}</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>, sample</source>
        <translation>，示例</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>能力模型</translation>
    </message>
    <message>
        <source>{0} (version {1}{2})</source>
        <translation>{0}（第{1}版{2}）</translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation>测评日期</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>测评人</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <source>Words in the description</source>
        <translation>说明中的文字</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Save as workbook…</source>
        <translation>保存为 Excel…</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作说明</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类别</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <source>{0} operations</source>
        <translation>共 {0} 条操作</translation>
    </message>
    <message>
        <source>{0} operations; the latest {1} are listed</source>
        <translation>共 {0} 条操作，列出最近 {1} 条</translation>
    </message>
    <message>
        <source>undone by No. {0}</source>
        <translation>已被第 {0} 号撤销</translation>
    </message>
    <message>
        <source>undoes No. {0}</source>
        <translation>撤销了第 {0} 号</translation>
    </message>
    <message>
        <source>{0} records changed; the first {1} are shown.</source>
        <translation>共改动 {0} 条记录，显示前 {1} 条。</translation>
    </message>
    <message>
        <source>No. {0} · {1} · {2}</source>
        <translation>第 {0} 号操作 · {1} · {2}</translation>
    </message>
    <message>
        <source>Save the audit log</source>
        <translation>保存操作日志</translation>
    </message>
    <message>
        <source>audit-log-{0}.xlsx</source>
        <translation>操作日志-{0}.xlsx</translation>
    </message>
    <message>
        <source>Workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{0} could not be written: {1}</source>
        <translation>无法写出 {0}：{1}</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>已写出：{0}</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Backups are encrypted with this PC&apos;s key: keep a key backup (Sync centre → Back up my keys) apart, or a backup cannot be read after the PC is rebuilt. Automatic backups are thinned to one a day for a week, one a week for five weeks and one a month for a year; backups made by hand are kept.</source>
        <translation>备份用本机密钥加密：请另外保存一份密钥备份（同步中心 → 备份本机密钥），否则电脑重装后将无法读取备份。自动备份会逐步精简：最近一周每天一份、最近五周每周一份、最近一年每月一份；手动备份不会被删除。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复所选…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从其他文件恢复…</translation>
    </message>
    <message>
        <source>Backup folder…</source>
        <translation>更改备份文件夹…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Backup folder: {0}</source>
        <translation>备份文件夹：{0}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup folder (e.g. on a second drive)</source>
        <translation>备份文件夹（可选第二块硬盘）</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>请先在列表中选择一份备份。</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>从备份文件恢复</translation>
    </message>
    <message>
        <source>Backups (*.yqbak)</source>
        <translation>雁群备份 (*.yqbak)</translation>
    </message>
    <message>
        <source>Replace the database with the backup made on {0}?

It holds:
{1}
Last change recorded: {2}

The current database is backed up first; the app then starts again.</source>
        <translation>用 {0} 的备份替换当前数据库吗？

备份中有：
{1}
最后一次记录的修改：{2}

当前数据库会先自动备份；恢复后程序将重新启动。</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Print growth archives</source>
        <translation>批量打印成长档案</translation>
    </message>
    <message>
        <source>Every active trainee</source>
        <translation>全部在册学员</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Whose archives</source>
        <translation>打印范围</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>&amp;Write PDF</source>
        <translation>生成 PDF(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Preview and print…</source>
        <translation>预览并打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Choose where to save the PDF.</source>
        <translation>请选择 PDF 的保存位置。</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>文件夹 {0} 不存在。</translation>
    </message>
    <message>
        <source>Nobody to print: the cohort has no active members.</source>
        <translation>没有可打印的人员：该班次没有在册学员。</translation>
    </message>
    <message>
        <source>Writing archive {0} of {1}…</source>
        <translation>正在生成第 {0} 份档案（共 {1} 份）…</translation>
    </message>
    <message>
        <source>Writing {0} archives…</source>
        <translation>正在生成 {0} 份档案…</translation>
    </message>
    <message>
        <source>Printing growth archives</source>
        <translation>批量打印成长档案</translation>
    </message>
    <message>
        <source>Written: {0} archives, {1} pages, to {2}</source>
        <translation>已生成：{0} 份档案，共 {1} 页，保存在 {2}</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未生成文件。</translation>
    </message>
    <message>
        <source>Growth archives — {0}</source>
        <translation>成长档案 — {0}</translation>
    </message>
</context>
<context>
    <name>CampBoardDialog</name>
    <message>
        <source>Youth camp training board</source>
        <translation>青训营培养看板</translation>
    </message>
    <message>
        <source>{0} ({1} trainees)</source>
        <translation>{0}（{1} 名学员）</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>The youth camp is run by the district; a street can only view it.</source>
        <translation>青训营由区级举办，街道只能查看。</translation>
    </message>
    <message>
        <source>◀ Previous stage</source>
        <translation>◀ 退回上一阶段</translation>
    </message>
    <message>
        <source>Next stage ▶</source>
        <translation>进入下一阶段 ▶</translation>
    </message>
    <message>
        <source>Set tier</source>
        <translation>设置层级</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>学员层级</translation>
    </message>
    <message>
        <source>No camp cohort yet.</source>
        <translation>还没有青训营届次。</translation>
    </message>
    <message>
        <source>Left the camp on {0}</source>
        <translation>已于 {0} 离营</translation>
    </message>
    <message>
        <source>No trainees in this cohort yet.</source>
        <translation>本届还没有学员。</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>CampEnrolmentDialog</name>
    <message>
        <source>Add camp trainee</source>
        <translation>新增青训营学员</translation>
    </message>
    <message>
        <source>Edit camp trainee</source>
        <translation>修改青训营学员</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>New camp year…</source>
        <translation>新建届次…</translation>
    </message>
    <message>
        <source>Camp year</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>学员层级</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>培养阶段</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>入营日期</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>离营日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CampPage</name>
    <message>
        <source>Search by name, pinyin initials or ID-card number</source>
        <translation>按姓名、拼音首字母或身份证号搜索</translation>
    </message>
    <message>
        <source>The youth camp is run by the district; a street can only view it.</source>
        <translation>青训营由区级举办，街道只能查看。</translation>
    </message>
    <message>
        <source>This street&apos;s people in the district&apos;s youth camp appear here.</source>
        <translation>本街道参加区级青训营的学员将在此显示。</translation>
    </message>
    <message>
        <source>Add trainee…</source>
        <translation>新增学员…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Training board…</source>
        <translation>培养看板…</translation>
    </message>
    <message>
        <source>Assessments…</source>
        <translation>能力测评…</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Street / community</source>
        <translation>街道 / 社区</translation>
    </message>
    <message>
        <source>Source topic</source>
        <translation>来源课题</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>案例简介</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Honour</source>
        <translation>荣誉名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Date awarded</source>
        <translation>获得日期</translation>
    </message>
    <message>
        <source>Awarded by</source>
        <translation>授予单位</translation>
    </message>
    <message>
        <source>Edit people…</source>
        <translation>编辑相关人员…</translation>
    </message>
    <message>
        <source>Add honour…</source>
        <translation>新增荣誉…</translation>
    </message>
    <message>
        <source>People</source>
        <translation>相关人员</translation>
    </message>
    <message>
        <source>Honours</source>
        <translation>荣誉</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Case — {0}</source>
        <translation>案例详情 — {0}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Edit case</source>
        <translation>修改治理案例</translation>
    </message>
    <message>
        <source>Add case</source>
        <translation>新增治理案例</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>案例名称</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>From topic</source>
        <translation>来源课题</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>案例简介</translation>
    </message>
</context>
<context>
    <name>CasePeopleDialog</name>
    <message>
        <source>People of the case — {0}</source>
        <translation>案例相关人员 — {0}</translation>
    </message>
    <message>
        <source>e.g. Lead, Participant</source>
        <translation>如：牵头人、参与者</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0} is already in the list.</source>
        <translation>{0} 已在名单中。</translation>
    </message>
    <message>
        <source>Choose a person first.</source>
        <translation>请先选择人员。</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Search by title or community</source>
        <translation>按名称或社区搜索</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Case details…</source>
        <translation>案例详情…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>原密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own password before you go on: only you should know it.</source>
        <translation>您的密码是由管理员设置的。继续之前请设置您自己的密码：密码只应由您本人知道。</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Save image…</source>
        <translation>保存图片…</translation>
    </message>
    <message>
        <source>Save the chart as an image</source>
        <translation>把图表保存为图片</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>Could not write {0}.</source>
        <translation>无法写出 {0}。</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Back up, then repair</source>
        <translation>先备份，再修复</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Repaired: {0}</source>
        <translation>已修复：{0}</translation>
    </message>
    <message>
        <source>{0} tables checked: no problems.</source>
        <translation>已检查 {0} 张表，未发现问题。</translation>
    </message>
    <message>
        <source>{0} problems found; {1} can be repaired safely (after a backup), the others need a person.</source>
        <translation>发现 {0} 个问题，其中 {1} 个可以安全修复（先自动备份），其余需人工处理。</translation>
    </message>
    <message>
        <source>Backing up and repairing…</source>
        <translation>正在备份并修复…</translation>
    </message>
    <message>
        <source>backed up first: {0}</source>
        <translation>修复前已备份：{0}</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <source>None available yet</source>
        <translation>暂无可选项</translation>
    </message>
    <message>
        <source>Chosen ({0}): {1}</source>
        <translation>已选 {0} 项：{1}</translation>
    </message>
    <message>
        <source>None chosen</source>
        <translation>未选择</translation>
    </message>
</context>
<context>
    <name>CohortDialog</name>
    <message>
        <source>New camp year</source>
        <translation>新建青训营届次</translation>
    </message>
    <message>
        <source>New studio cohort</source>
        <translation>新建工作室期次</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Cohort number</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Leave empty for the standard name</source>
        <translation>留空则使用标准名称</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开班日期</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结业日期</translation>
    </message>
</context>
<context>
    <name>CohortRatesDialog</name>
    <message>
        <source>Cohort attendance</source>
        <translation>班次出勤统计</translation>
    </message>
    <message>
        <source>{0} (camp)</source>
        <translation>{0}（青训营）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>应记录</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>出勤率</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>Trainees with the lowest rate first; click a heading to sort.</source>
        <translation>出勤率最低的学员排在前面；点击列标题可排序。</translation>
    </message>
    <message>
        <source>No cohorts yet.</source>
        <translation>尚无班次。</translation>
    </message>
    <message>
        <source>No attendance recorded for this cohort yet.</source>
        <translation>该班次尚无考勤记录。</translation>
    </message>
    <message>
        <source>No attendance recorded yet.</source>
        <translation>尚无考勤记录。</translation>
    </message>
    <message>
        <source>Recorded {0} · present {1} · late {2} · leave {3} · absent {4} · attended {5} · rate {6}</source>
        <translation>应记录 {0} · 出席 {1} · 迟到 {2} · 请假 {3} · 缺席 {4} · 实到 {5} · 出勤率 {6}</translation>
    </message>
</context>
<context>
    <name>CommitteeTermDialog</name>
    <message>
        <source>Committee election</source>
        <translation>两委换届</translation>
    </message>
    <message>
        <source>New term</source>
        <translation>新一届</translation>
    </message>
    <message>
        <source>e.g. 2021-05-03</source>
        <translation>如：2021-05-03</translation>
    </message>
    <message>
        <source>Optional; e.g. 2021 election</source>
        <translation>选填，如：2021年换届</translation>
    </message>
    <message>
        <source>Record term</source>
        <translation>登记届次</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Election date</source>
        <translation>换届日期</translation>
    </message>
    <message>
        <source>Term name</source>
        <translation>届次名称</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>两委成员</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>班子</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Terms already recorded</source>
        <translation>已登记的换届</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>Delete term…</source>
        <translation>删除该届次…</translation>
    </message>
    <message>
        <source>A term recorded by mistake is withdrawn with its members.</source>
        <translation>误录的届次连同其成员一并撤回。</translation>
    </message>
    <message>
        <source>Record the term first, then add its members one by one; each is saved at once.</source>
        <translation>先登记届次，再逐个添加成员；每位成员添加后即保存。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>(no members yet)</source>
        <translation>（尚未添加成员）</translation>
    </message>
    <message>
        <source>Delete the term {0} ({1}) and its {2} members?</source>
        <translation>删除届次「{0}」（{1}）及其 {2} 名成员？</translation>
    </message>
    <message>
        <source>Term recorded: {0} · {1}</source>
        <translation>已登记届次：{0} · {1}</translation>
    </message>
    <message>
        <source>Choose a person first.</source>
        <translation>请先选择人员。</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>and as of</source>
        <translation>与截至</translation>
    </message>
    <message>
        <source>Printable comparison…</source>
        <translation>打印对比报告（PDF）…</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Committees elected in</source>
        <translation>两委：</translation>
    </message>
    <message>
        <source>against</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员人数</translation>
    </message>
    <message>
        <source>Average age</source>
        <translation>平均年龄</translation>
    </message>
    <message>
        <source>Bachelor&apos;s degree or above</source>
        <translation>本科以上学历占比</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflict — {0}</source>
        <translation>处理冲突 — {0}</translation>
    </message>
    <message>
        <source>Table {0}, sent by {1}. Highlighted fields differ; tick a field to take the incoming value when merging.</source>
        <translation>数据表 {0}，来自 {1}。底色标出的是两边不同的字段；合并时勾选的字段采用来件的值。</translation>
    </message>
    <message>
        <source>{0} sent a new person whose ID number (or name, birth date and community) matches a person already here. Are they the same person?</source>
        <translation>{0} 报来一名新人员，其身份证号（或姓名、出生日期和社区）与本库已有人员相同。是同一个人吗？</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>本库</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>来件</translation>
    </message>
    <message>
        <source>Take incoming</source>
        <translation>采用来件</translation>
    </message>
    <message>
        <source>Same person: merge</source>
        <translation>是同一人：合并</translation>
    </message>
    <message>
        <source>Two different people</source>
        <translation>是两个人</translation>
    </message>
    <message>
        <source>Keep ours</source>
        <translation>保留本库版本</translation>
    </message>
    <message>
        <source>Merge ticked fields</source>
        <translation>合并勾选的字段</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后处理</translation>
    </message>
    <message>
        <source>Tick at least one field to take from the incoming version.</source>
        <translation>请至少勾选一个采用来件值的字段。</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>Create the administrator account</source>
        <translation>创建管理员账户</translation>
    </message>
    <message>
        <source>This computer ({0}) has no accounts yet. Create the administrator&apos;s account: the administrator adds the other accounts, chooses their roles and can restore backups. Everyone then signs in with their own account.</source>
        <translation>本机（{0}）还没有任何账户。请创建管理员账户：管理员负责新增其他账户、分配角色，并可从备份恢复。之后每个人都用自己的账户登录。</translation>
    </message>
    <message>
        <source>e.g. wangxh</source>
        <translation>例如 wangxh</translation>
    </message>
    <message>
        <source>as the audit log records it</source>
        <translation>操作日志中记录的姓名</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter the account name and the full name.</source>
        <translation>请填写账户名和姓名。</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Sessions and attendance rate by month</source>
        <translation>课程活动场次与出勤率（按月）</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Attendance rate %</source>
        <translation>出勤率 %</translation>
    </message>
    <message>
        <source>Youth camp pipeline (selection → training → put to use)</source>
        <translation>青训营梯队（种子遴选 → 育苗特训 → 成材使用）</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>People by age band, per street</source>
        <translation>人员年龄结构（按街道）</translation>
    </message>
    <message>
        <source>People by education, per street</source>
        <translation>人员学历结构（按街道）</translation>
    </message>
    <message>
        <source>Micro-reform topics by stage, per street</source>
        <translation>微改革课题进度（按街道）</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Whole district</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Printable report…</source>
        <translation>打印报告（PDF）…</translation>
    </message>
    <message>
        <source>Statistics workbook…</source>
        <translation>统计工作簿…</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Reporting</source>
        <translation>报送情况</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计概览</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>{0} — as of {1}</source>
        <translation>{0} — 截至 {1}</translation>
    </message>
    <message>
        <source>Compared {0} with {1}.</source>
        <translation>已对比 {0} 与 {1}。</translation>
    </message>
    <message>
        <source>Save the printable report</source>
        <translation>保存统计报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save the statistics workbook</source>
        <translation>保存统计工作簿</translation>
    </message>
    <message>
        <source>Workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{0} could not be written: {1}</source>
        <translation>无法写出 {0}：{1}</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>已写出：{0}</translation>
    </message>
</context>
<context>
    <name>DataMenu</name>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>Import &amp;roster…</source>
        <translation>导入名单(&amp;R)…</translation>
    </message>
    <message>
        <source>Import &amp;sign-in sheet…</source>
        <translation>导入签到表(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export roster</source>
        <translation>导出名单(&amp;E)</translation>
    </message>
    <message>
        <source>Export &amp;attendance…</source>
        <translation>导出考勤(&amp;A)…</translation>
    </message>
    <message>
        <source>Roster &amp;templates</source>
        <translation>名单模板(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Print growth archives…</source>
        <translation>批量打印成长档案(&amp;P)…</translation>
    </message>
    <message>
        <source>Statistics &amp;workbook…</source>
        <translation>统计报表（Excel）(&amp;W)…</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员名单</translation>
    </message>
    <message>
        <source>Tutors</source>
        <translation>导师名单</translation>
    </message>
    <message>
        <source>Reserve candidates</source>
        <translation>后备人才名单</translation>
    </message>
    <message>
        <source>Cohort enrolments</source>
        <translation>班次学员名单</translation>
    </message>
    <message>
        <source>Recognise from the headers</source>
        <translation>按表头自动识别</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>Import roster — {0}</source>
        <translation>导入名单 — {0}</translation>
    </message>
    <message>
        <source>Import sign-in sheet</source>
        <translation>导入签到表</translation>
    </message>
    <message>
        <source>Which street&apos;s roster is this?</source>
        <translation>这是哪个街道的名单？</translation>
    </message>
    <message>
        <source>Roster template</source>
        <translation>名单模板</translation>
    </message>
    <message>
        <source>Export roster</source>
        <translation>导出名单</translation>
    </message>
    <message>
        <source>ID numbers and mobile numbers are masked in the export. Export them in full? A file with full numbers must be kept safe; the export is recorded in the audit log.</source>
        <translation>导出的名单中身份证号和手机号默认打码。要导出完整号码吗？含完整号码的文件须妥善保管；此次导出将记入操作日志。</translation>
    </message>
    <message>
        <source>Masked</source>
        <translation>打码导出</translation>
    </message>
    <message>
        <source>Full numbers</source>
        <translation>完整号码</translation>
    </message>
    <message>
        <source>Export attendance</source>
        <translation>导出考勤</translation>
    </message>
    <message>
        <source>Statistics workbook</source>
        <translation>统计报表</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <source>{0} was not written: {1}</source>
        <translation>{0} 未能写入：{1}</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>{0} must be a number</source>
        <translation>{0}应为数字</translation>
    </message>
    <message>
        <source>{0} must be between {1} and {2}</source>
        <translation>{0}应在 {1} 到 {2} 之间</translation>
    </message>
</context>
<context>
    <name>FigureTile</name>
    <message>
        <source>Click to see the records behind this figure</source>
        <translation>点击查看这个数字背后的记录</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Yanqun</source>
        <translation>欢迎使用雁群</translation>
    </message>
    <message>
        <source>Which office does this computer work for? This is set once: the records entered here belong to that office.</source>
        <translation>请选择本机所属单位。此项只设置一次：在本机录入的记录都归属该单位。</translation>
    </message>
    <message>
        <source>Nanshan District (district level)</source>
        <translation>南山区（区级）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>e.g. 2021-05-03</source>
        <translation>如 2021-05-03</translation>
    </message>
    <message>
        <source>This field is required</source>
        <translation>此项为必填项</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Gating</name>
    <message>
        <source>Your role ({0}) lacks the permission “{1}”.</source>
        <translation>当前角色（{0}）没有「{1}」的权限。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>GuestDialog</name>
    <message>
        <source>Add a guest</source>
        <translation>添加列席人员</translation>
    </message>
    <message>
        <source>Guests attend without being enrolled in the session&apos;s cohorts.</source>
        <translation>列席人员参加活动，但不属于本活动的班次学员。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation ({0}).</source>
        <translation>本安装缺少使用指南（{0}）。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>HonourFormDialog</name>
    <message>
        <source>Edit honour</source>
        <translation>编辑荣誉</translation>
    </message>
    <message>
        <source>Add honour</source>
        <translation>新增荣誉</translation>
    </message>
    <message>
        <source>Awarded to</source>
        <translation>获奖对象</translation>
    </message>
    <message>
        <source>Honour</source>
        <translation>荣誉名称</translation>
    </message>
    <message>
        <source>e.g. Outstanding community worker</source>
        <translation>如：优秀社区工作者</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Date awarded</source>
        <translation>获得日期</translation>
    </message>
    <message>
        <source>Awarded by</source>
        <translation>授予单位</translation>
    </message>
    <message>
        <source>View honour</source>
        <translation>查看荣誉</translation>
    </message>
</context>
<context>
    <name>HonoursDialog</name>
    <message>
        <source>Honours — {0}</source>
        <translation>荣誉 — {0}</translation>
    </message>
    <message>
        <source>Honour</source>
        <translation>荣誉名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Date awarded</source>
        <translation>获得日期</translation>
    </message>
    <message>
        <source>Awarded by</source>
        <translation>授予单位</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Delete the honour “{0}”?</source>
        <translation>删除荣誉“{0}”？</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Choose a file to see what it would change. Nothing is written until you import.</source>
        <translation>请选择文件，先预览将发生的变化；点“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Skip invalid rows and import the rest</source>
        <translation>跳过有误的行，导入其余行</translation>
    </message>
    <message>
        <source>Save invalid rows…</source>
        <translation>导出有误的行…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Preview of {0}: {1}</source>
        <translation>{0} 预览：{1}</translation>
    </message>
    <message>
        <source>Fix the invalid rows, or tick “skip invalid rows”.</source>
        <translation>请先改正有误的行，或勾选“跳过有误的行”。</translation>
    </message>
    <message>
        <source>The file changed after the preview; here is a new preview.</source>
        <translation>文件在预览之后有改动，已重新预览，请核对后再导入。</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何数据。</translation>
    </message>
    <message>
        <source>Imported {0}: {1}</source>
        <translation>已导入 {0}：{1}</translation>
    </message>
    <message>
        <source>Imported: {0}</source>
        <translation>导入完成：{0}</translation>
    </message>
    <message>
        <source>Save invalid rows</source>
        <translation>导出有误的行</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Changes: {0}</source>
        <translation>变更：{0}</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Yanqun — locked</source>
        <translation>雁群 — 已锁定</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>The window was locked so that nobody reads or changes the records while {0} is away. Enter the password of {0} ({1}) to go on.</source>
        <translation>为防止 {0} 离开时他人查看或修改记录，窗口已锁定。请输入 {0}（{1}）的密码继续。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Switch account…</source>
        <translation>切换账户…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Switch account</source>
        <translation>切换账户</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>This installation has no demo-data generator.</source>
        <translation>本安装未包含演示数据生成器。</translation>
    </message>
    <message>
        <source>Yanqun</source>
        <translation>雁群</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>账户管理(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Generate &amp;demo data…</source>
        <translation>生成演示数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Competency &amp;model…</source>
        <translation>能力素质模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Edit the competency models</source>
        <translation>编辑能力素质模型</translation>
    </message>
    <message>
        <source>View the competency models (set by the district)</source>
        <translation>查看能力素质模型（由区委组织部制定）</translation>
    </message>
    <message>
        <source>&amp;Backup and restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Check database…</source>
        <translation>检查数据库(&amp;C)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>使用指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About Yanqun</source>
        <translation>关于雁群(&amp;A)</translation>
    </message>
    <message>
        <source>Yanqun — {0}</source>
        <translation>雁群 — {0}</translation>
    </message>
    <message>
        <source> [demo data]</source>
        <translation> 【演示数据】</translation>
    </message>
    <message>
        <source> [read-only copy]</source>
        <translation> 【只读副本】</translation>
    </message>
    <message>
        <source>Current user: {0} ({1})</source>
        <translation>当前用户：{0}（{1}）</translation>
    </message>
    <message>
        <source>Nothing to undo yet.</source>
        <translation>还没有可以撤销的操作。</translation>
    </message>
    <message>
        <source>&amp;Undo “{0}”</source>
        <translation>撤销「{0}」(&amp;U)</translation>
    </message>
    <message>
        <source>Demo data can only be generated into a demo database or an empty one.</source>
        <translation>只能向演示数据库或空数据库生成演示数据。</translation>
    </message>
    <message>
        <source>Not undone</source>
        <translation>未撤销</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>已撤销。</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Backed up: {0}</source>
        <translation>已备份：{0}</translation>
    </message>
    <message>
        <source>The daily backup failed: {0}</source>
        <translation>每日自动备份失败：{0}</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Generating demo data</source>
        <translation>正在生成演示数据</translation>
    </message>
    <message>
        <source>Demo data not generated</source>
        <translation>未生成演示数据</translation>
    </message>
</context>
<context>
    <name>ModelDialog</name>
    <message>
        <source>Competency models</source>
        <translation>能力素质模型</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Youth camp</source>
        <translation>青训营</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Max score</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Add module</source>
        <translation>添加模块</translation>
    </message>
    <message>
        <source>Add indicator</source>
        <translation>添加指标</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加条目</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Competency models are set by the district; a street can only view them.</source>
        <translation>能力素质模型由区委组织部制定和维护，街道只能查看。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>第{0}版</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>used/frozen</source>
        <translation>已使用/冻结</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>No model of this kind.</source>
        <translation>该类别尚无模型。</translation>
    </message>
    <message>
        <source>{0} — version {1}</source>
        <translation>{0} — 第{1}版</translation>
    </message>
    <message>
        <source> (read-only: models are set by the district)</source>
        <translation>（只读：模型由区委组织部制定）</translation>
    </message>
    <message>
        <source> (read-only for your role)</source>
        <translation>（当前角色只能查看）</translation>
    </message>
    <message>
        <source> (read-only: only the newest version is edited)</source>
        <translation>（只读：只能修改最新版本）</translation>
    </message>
    <message>
        <source> (already used: saving an edit makes a new version)</source>
        <translation>（已使用：保存修改将生成新版本）</translation>
    </message>
    <message>
        <source>New module</source>
        <translation>新能力模块</translation>
    </message>
    <message>
        <source>New indicator</source>
        <translation>新素质指标</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>新具体内容</translation>
    </message>
    <message>
        <source>Version {0} made: the former version has been used and stays as it was.</source>
        <translation>已生成第{0}版：原版本已被使用，保持不变</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>New account</source>
        <translation>新增账户</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Tell them this first password in person; they choose their own at the first sign-in.</source>
        <translation>请当面告知对方这个初始密码；对方首次登录时须设置自己的密码。</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NewPassword</name>
    <message>
        <source>At least {0} characters, not only one or two repeated characters, and not the same as the account name.</source>
        <translation>至少 {0} 个字符，不能只由一两个字符重复组成，不能与账户名相同。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>PackageImportDialog</name>
    <message>
        <source>Import packages</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Checking {0} files…</source>
        <translation>正在检查 {0} 个文件…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发送方</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Per table, for the chosen file:</source>
        <translation>所选文件按数据表统计：</translation>
    </message>
    <message>
        <source>Checking the packages…</source>
        <translation>正在检查数据包…</translation>
    </message>
    <message>
        <source>{0} files checked: {1} can be imported, {2} refused, {3} imported before. Nothing is written until you import.</source>
        <translation>已检查 {0} 个文件：{1} 个可以导入，{2} 个拒收，{3} 个以前已导入。点“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>Importing {0} packages (a backup is made first)…</source>
        <translation>正在导入 {0} 个数据包（先自动备份）…</translation>
    </message>
    <message>
        <source>Imported {0} packages.</source>
        <translation>已导入 {0} 个数据包。</translation>
    </message>
    <message>
        <source> {0} rows wait in the conflict queue.</source>
        <translation>有 {0} 条记录进入冲突队列，等待处理。</translation>
    </message>
    <message>
        <source> Refused: {0}.</source>
        <translation>拒收：{0}。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>of {0} pages</source>
        <translation>页，共 {0} 页</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Fit &amp;page</source>
        <translation>整页(&amp;P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>第</translation>
    </message>
    <message>
        <source>The PDF could not be opened: {0}</source>
        <translation>无法打开 PDF：{0}</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Sending pages to the printer…</source>
        <translation>正在把页面送往打印机…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>Search by name, pinyin initials or ID-card number</source>
        <translation>按姓名、拼音首字母或身份证号搜索</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>Positions…</source>
        <translation>任职经历…</translation>
    </message>
    <message>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <source>Growth archive…</source>
        <translation>成长档案…</translation>
    </message>
    <message>
        <source>Assessments…</source>
        <translation>能力测评…</translation>
    </message>
    <message>
        <source>Honours…</source>
        <translation>荣誉…</translation>
    </message>
    <message>
        <source>Committee election…</source>
        <translation>两委换届…</translation>
    </message>
    <message>
        <source>Committee terms are recorded by the streets.</source>
        <translation>两委换届由街道登记。</translation>
    </message>
    <message>
        <source>Enrol into cohort…</source>
        <translation>加入工作室期次…</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>调动…</translation>
    </message>
    <message>
        <source>Transfers between streets are made by the district.</source>
        <translation>人员在街道之间调动由区级办理。</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>退出…</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Growth archive</source>
        <translation>成长档案</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>修改人员信息</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>e.g. 1985-03-12</source>
        <translation>如 1985-03-12</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>ID-card number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>18 digits; fills birth date and gender</source>
        <translation>18位，自动填写出生日期和性别</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>所属街道</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the full ID number and phone to check or correct them</source>
        <translation>显示完整的身份证号和电话，以便核对或修改</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员信息</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Name, pinyin initials or ID-card number</source>
        <translation>姓名、拼音首字母或身份证号</translation>
    </message>
    <message>
        <source>Chosen: {0}</source>
        <translation>已选：{0}</translation>
    </message>
    <message>
        <source>No one chosen yet</source>
        <translation>尚未选择人员</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <source>Photo — {0}</source>
        <translation>照片 — {0}</translation>
    </message>
    <message>
        <source>A JPG or PNG file of at most 2 MB, e.g. a passport-style photo.</source>
        <translation>JPG 或 PNG 图片，不超过 2 MB，如证件照。</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>Delete photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The stored photo cannot be shown.</source>
        <translation>已存照片无法显示。</translation>
    </message>
    <message>
        <source>No photo yet</source>
        <translation>暂无照片</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>The file could not be read: {0}</source>
        <translation>无法读取该文件：{0}</translation>
    </message>
    <message>
        <source>Delete this photo?</source>
        <translation>删除这张照片？</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>PositionDialog</name>
    <message>
        <source>Edit position</source>
        <translation>修改任职</translation>
    </message>
    <message>
        <source>Add position</source>
        <translation>新增任职</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>e.g. Party secretary of the community</source>
        <translation>如：社区党委书记</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>任职单位</translation>
    </message>
    <message>
        <source>e.g. Huaguoshan community Party committee</source>
        <translation>如：花果山社区党委</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>离任日期</translation>
    </message>
    <message>
        <source>Leave the end date empty while the position is held.</source>
        <translation>仍在任的，离任日期留空。</translation>
    </message>
    <message>
        <source>View position</source>
        <translation>查看任职</translation>
    </message>
</context>
<context>
    <name>PositionsDialog</name>
    <message>
        <source>Positions — {0}</source>
        <translation>任职经历 — {0}</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>任职单位</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>离任日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No positions recorded yet.</source>
        <translation>尚无任职记录。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>现任</translation>
    </message>
    <message>
        <source>Former</source>
        <translation>已离任</translation>
    </message>
    <message>
        <source>Delete the position “{0}”? To record that the person left it, edit it and give an end date instead.</source>
        <translation>删除任职“{0}”？如是离任，请改为编辑并填写离任日期。</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>Provision</name>
    <message>
        <source>Preset by the installer</source>
        <translation>安装时的预置</translation>
    </message>
</context>
<context>
    <name>RecommendationDialog</name>
    <message>
        <source>Recommend a tutor</source>
        <translation>推荐师资</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>School</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>擅长领域</translation>
    </message>
    <message>
        <source>Reason for recommending</source>
        <translation>推荐理由</translation>
    </message>
</context>
<context>
    <name>RecommendationsDialog</name>
    <message>
        <source>Tutors recommended by the streets</source>
        <translation>街道推荐师资</translation>
    </message>
    <message>
        <source>Our tutor recommendations</source>
        <translation>我的推荐师资</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RecommendationsPage</name>
    <message>
        <source>Search by name or organisation</source>
        <translation>按姓名或工作单位搜索</translation>
    </message>
    <message>
        <source>No street has recommended a tutor yet (recommendations arrive with the streets&apos; data packages).</source>
        <translation>尚无街道推荐师资（推荐随街道数据包导入）。</translation>
    </message>
    <message>
        <source>Take into the tutor pool…</source>
        <translation>纳入师资库…</translation>
    </message>
    <message>
        <source>This street has not recommended a tutor yet.</source>
        <translation>本街道尚未推荐师资。</translation>
    </message>
    <message>
        <source>Our tutor recommendations</source>
        <translation>我的推荐师资</translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message>
        <source>ID numbers and phone numbers are not shown.</source>
        <translation>不显示身份证号和电话号码。</translation>
    </message>
    <message>
        <source>Save as workbook…</source>
        <translation>保存为 Excel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save the list</source>
        <translation>保存名单</translation>
    </message>
    <message>
        <source>Workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{0} could not be written: {1}</source>
        <translation>无法写出 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>The recovery code you used no longer works. This is the new one: write it down and keep it where the old one was. It is shown only now.</source>
        <translation>刚才使用的恢复码已失效。这是新的恢复码：请抄写下来，放在原来保管旧恢复码的地方。它只显示这一次。</translation>
    </message>
    <message>
        <source>If the administrator&apos;s password is ever forgotten, this code sets a new one. Write it down on paper and keep it in the office safe, not on this computer. It is shown only now.</source>
        <translation>管理员忘记密码时，可用此恢复码重设密码。请抄写在纸上，放在办公室保险柜里，不要保存在这台电脑上。它只显示这一次。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>I have written the recovery code down and will keep it safe</source>
        <translation>我已把恢复码抄写并妥善保管</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Forgot password</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>An administrator&apos;s password is set anew with the recovery code written down at the first start, or with a reset file the district issues for this computer. Other accounts ask an administrator to set a new password.</source>
        <translation>管理员密码可用首次启动时抄写的恢复码重设，或用区级为本机签发的重置文件重设。其他账户请联系管理员重设密码。</translation>
    </message>
    <message>
        <source>With the recovery code</source>
        <translation>使用恢复码</translation>
    </message>
    <message>
        <source>With a reset file from the district (.yqreset)</source>
        <translation>使用区级签发的重置文件（.yqreset）</translation>
    </message>
    <message>
        <source>empty: the first administrator</source>
        <translation>留空：第一个管理员</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Administrator account</source>
        <translation>管理员账户</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the reset file</source>
        <translation>选择重置文件</translation>
    </message>
    <message>
        <source>Reset file (*.yqreset);;All files (*)</source>
        <translation>重置文件 (*.yqreset);;所有文件 (*)</translation>
    </message>
    <message>
        <source>the first administrator</source>
        <translation>第一个管理员</translation>
    </message>
    <message>
        <source>Issued by {0} at the district on {1}; valid until {2}, once. Sets the password of: {3}.</source>
        <translation>区级 {0} 于 {1} 签发，有效期至 {2}，仅可使用一次。重设密码的账户：{3}。</translation>
    </message>
    <message>
        <source>Enter the recovery code.</source>
        <translation>请输入恢复码。</translation>
    </message>
    <message>
        <source>Choose the reset file first.</source>
        <translation>请先选择重置文件。</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>All streets</source>
        <translation>全部街道</translation>
    </message>
    <message>
        <source>Show retired</source>
        <translation>显示已退出</translation>
    </message>
    <message>
        <source>No records yet.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{0} records</source>
        <translation>共 {0} 条</translation>
    </message>
    <message>
        <source>No records match the search.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Delete “{0}”?</source>
        <translation>确定删除「{0}」吗？</translation>
    </message>
</context>
<context>
    <name>ReportingView</name>
    <message>
        <source> of each month</source>
        <translation> 日（每月）</translation>
    </message>
    <message>
        <source>Set due day</source>
        <translation>保存截止日</translation>
    </message>
    <message>
        <source>Streets report by the</source>
        <translation>各街道每月报送截止：</translation>
    </message>
    <message>
        <source>Month {0}</source>
        <translation>{0}月</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>写出时间</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年数据包</translation>
    </message>
    <message>
        <source>✓ on time   ◐ late   ✗ missing (after the due day)</source>
        <translation>✓ 按时报送&#x3000;◐ 逾期报送&#x3000;✗ 未报送（已过截止日）</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>never reported</source>
        <translation>从未报送</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Overdue this month: {0}</source>
        <translation>本月逾期未报送：{0}</translation>
    </message>
    <message>
        <source>Every street has reported this month.</source>
        <translation>本月各街道均已报送。</translation>
    </message>
    <message>
        <source>Due day</source>
        <translation>报送截止日</translation>
    </message>
</context>
<context>
    <name>ReserveDialog</name>
    <message>
        <source>Add reserve candidate</source>
        <translation>新增储备人选</translation>
    </message>
    <message>
        <source>Edit reserve candidate</source>
        <translation>修改储备人选</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Prepared for</source>
        <translation>储备方向</translation>
    </message>
    <message>
        <source>Added on</source>
        <translation>入库日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ReservePage</name>
    <message>
        <source>Search by name, pinyin initials or ID-card number</source>
        <translation>按姓名、拼音首字母或身份证号搜索</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>退出储备</translation>
    </message>
    <message>
        <source>Withdraw “{0}” from the reserve pool?</source>
        <translation>确定将「{0}」退出储备库吗？</translation>
    </message>
</context>
<context>
    <name>ResetFileDialog</name>
    <message>
        <source>Street administrator reset file</source>
        <translation>街道管理员重置文件</translation>
    </message>
    <message>
        <source>When a street&apos;s administrator has lost both the password and the recovery code, the district signs a reset file for that street&apos;s computer. It is valid for a few days and once; carry it to the street on a USB stick. The district must trust the street&apos;s key card.</source>
        <translation>街道管理员的密码和恢复码都丢失时，由区级为该街道的电脑签发重置文件。文件几天内有效且只能使用一次，请用U盘送到街道。区级须已信任该街道的密钥名片。</translation>
    </message>
    <message>
        <source>empty: the street&apos;s first administrator</source>
        <translation>留空：该街道的第一个管理员</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Administrator account</source>
        <translation>管理员账户</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reset file (*.yqreset)</source>
        <translation>重置文件 (*.yqreset)</translation>
    </message>
    <message>
        <source>Written: {0}
Valid until {1}, once, on {2}&apos;s computer.</source>
        <translation>已保存：{0}
有效期至 {1}，仅可在{2}的电脑上使用一次。</translation>
    </message>
</context>
<context>
    <name>RetirePersonDialog</name>
    <message>
        <source>Retire person</source>
        <translation>人员退出</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>退出原因</translation>
    </message>
    <message>
        <source>Date retired</source>
        <translation>退出日期</translation>
    </message>
</context>
<context>
    <name>RollCallDialog</name>
    <message>
        <source>Roll call — {0}</source>
        <translation>考勤 — {0}</translation>
    </message>
    <message>
        <source>Attendance rate = (present + late) / everyone recorded, guests included</source>
        <translation>出勤率 =（出席 + 迟到）/ 已登记人数（含列席人员）</translation>
    </message>
    <message>
        <source>All present</source>
        <translation>全部出席</translation>
    </message>
    <message>
        <source>Add guest…</source>
        <translation>添加列席人员…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The session has not taken place yet: only leave can be recorded.</source>
        <translation>活动尚未举行：只能登记请假。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>no cohort</source>
        <translation>未关联班次</translation>
    </message>
    <message>
        <source>Cohorts: {0}</source>
        <translation>班次：{0}</translation>
    </message>
    <message>
        <source>This session is {0} days ahead: only leave can be recorded now.</source>
        <translation>本次活动还有 {0} 天才举行：现在只能登记请假。</translation>
    </message>
    <message>
        <source> (incl. {0} late)</source>
        <translation>（含迟到 {0}）</translation>
    </message>
    <message>
        <source>Arrived {0}{1} / expected {2}, leave {3}, absent {4}</source>
        <translation>已到 {0}{1} / 应到 {2}，请假 {3}，缺席 {4}</translation>
    </message>
    <message>
        <source>{0} not recorded yet</source>
        <translation>{0} 人未登记</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>↑↓ move · each key moves to the next row · on the Note column just type (or F2, double-click) · Enter saves and closes</source>
        <translation>↑↓ 移动 · 按键登记后自动移到下一行 · 在备注列直接输入即可填写备注（或按 F2、双击） · Enter 保存并关闭</translation>
    </message>
    <message>
        <source>, guests {0}</source>
        <translation>，列席 {0}</translation>
    </message>
    <message>
        <source>, attendance rate {0}</source>
        <translation>，出勤率 {0}</translation>
    </message>
    <message>
        <source>A note is kept only with an attendance status. Give a status to: {0}</source>
        <translation>备注须与出勤情况一起登记，请先登记以下人员的出勤：{0}</translation>
    </message>
    <message>
        <source>Roll call not saved</source>
        <translation>考勤未保存</translation>
    </message>
    <message>
        <source>The roll call has unsaved changes. Save them?</source>
        <translation>考勤有未保存的修改，是否保存？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃修改</translation>
    </message>
</context>
<context>
    <name>RollCallModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>列席</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Edit session</source>
        <translation>修改课程活动</translation>
    </message>
    <message>
        <source>Add session</source>
        <translation>新增课程活动</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Starts at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>e.g. 14:30</source>
        <translation>如 14:30</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>e.g. 17:00</source>
        <translation>如 17:00</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>e.g. 3</source>
        <translation>如 3</translation>
    </message>
    <message>
        <source>Cohorts</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Search tutors by name or pinyin initials</source>
        <translation>按姓名或拼音首字母搜索师资</translation>
    </message>
    <message>
        <source>Tutors</source>
        <translation>授课师资</translation>
    </message>
    <message>
        <source>Practice task</source>
        <translation>一课一练</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Use hours:minutes, e.g. 14:30</source>
        <translation>格式应为 时:分，如 14:30</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Search by title or place</source>
        <translation>按名称或地点搜索</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Sign-in sheet…</source>
        <translation>签到表…</translation>
    </message>
    <message>
        <source>Attendance…</source>
        <translation>出勤统计…</translation>
    </message>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>PDF to print (*.pdf);;Excel to fill in (*.xlsx)</source>
        <translation>打印用 PDF (*.pdf);;填写用 Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Sign-in sheet — {0}</source>
        <translation>签到表 — {0}</translation>
    </message>
    <message>
        <source>Roll call…</source>
        <translation>考勤…</translation>
    </message>
</context>
<context>
    <name>SetPasswordDialog</name>
    <message>
        <source>Set password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>A new password for {0} ({1}). The account is unlocked, and chooses its own password at the next sign-in.</source>
        <translation>为 {0}（{1}）设置新密码。账户将同时解锁，下次登录时须自行设置新密码。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>操作员姓名</translation>
    </message>
    <message>
        <source>Every change is recorded in the audit log under this name.</source>
        <translation>每一项修改都会以此姓名记入操作日志。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>空闲后锁定</translation>
    </message>
    <message>
        <source>With no key pressed or mouse moved for this long, the window locks and asks for the password again. 0: never.</source>
        <translation>这段时间内没有按键或移动鼠标，窗口即锁定，需要重新输入密码。0：从不锁定。</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>当前数据库</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Database at next start</source>
        <translation>下次启动使用的数据库</translation>
    </message>
    <message>
        <source>Empty: the usual file. A database file (e.g. a read-only copy made on the reporting PC), or the district&apos;s server: postgresql+psycopg://user@host/yanqun.</source>
        <translation>留空：使用默认的数据库文件。也可以选择一个数据库文件（例如在负责报送的电脑上制作的只读副本），或区级数据库服务器：postgresql+psycopg://用户名@服务器/yanqun。</translation>
    </message>
    <message>
        <source>Choose the database file</source>
        <translation>选择数据库文件</translation>
    </message>
    <message>
        <source>Database (*.sqlite *.db);;All files (*)</source>
        <translation>数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{0}: only postgresql://… or sqlite://… addresses are supported.</source>
        <translation>{0}：只支持 postgresql://… 或 sqlite://… 形式的地址。</translation>
    </message>
    <message>
        <source>{0} is a folder: choose a database file.</source>
        <translation>{0} 是一个文件夹：请选择数据库文件。</translation>
    </message>
    <message>
        <source>The folder of {0} does not exist.</source>
        <translation>{0} 所在的文件夹不存在。</translation>
    </message>
    <message>
        <source>The database changes when the app is started again.</source>
        <translation>数据库设置已保存，重新启动程序后生效。</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — {0}</source>
        <translation>登录 — {0}</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Forgot password…</source>
        <translation>忘记密码…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Yanqun — {0}</source>
        <translation>雁群 — {0}</translation>
    </message>
    <message>
        <source>Enter your account name.</source>
        <translation>请输入账户名。</translation>
    </message>
</context>
<context>
    <name>StudioEnrolmentDialog</name>
    <message>
        <source>Enrol into studio cohort</source>
        <translation>加入书记工作室期次</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>New cohort…</source>
        <translation>新建期次…</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Talent kind</source>
        <translation>人才类别</translation>
    </message>
    <message>
        <source>Enrolled on</source>
        <translation>入学日期</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Export package…</source>
        <translation>导出数据包…</translation>
    </message>
    <message>
        <source>Import packages…</source>
        <translation>导入数据包…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入整个文件夹…</translation>
    </message>
    <message>
        <source>Recovery package…</source>
        <translation>恢复数据包…</translation>
    </message>
    <message>
        <source>Every record a street owns, for a street restored from a backup or a rebuilt PC</source>
        <translation>某街道拥有的全部记录，供该街道从备份恢复或重装电脑后导入</translation>
    </message>
    <message>
        <source>Read-only copy…</source>
        <translation>制作只读副本…</translation>
    </message>
    <message>
        <source>A copy of this database for a second PC of the street: it can view and print, not change or report</source>
        <translation>为本街道的第二台电脑制作数据库副本：可以查看和打印，不能修改或报送</translation>
    </message>
    <message>
        <source>Save my key card…</source>
        <translation>导出本机密钥卡…</translation>
    </message>
    <message>
        <source>Trust a key card…</source>
        <translation>信任密钥卡…</translation>
    </message>
    <message>
        <source>Back up my keys…</source>
        <translation>备份本机密钥…</translation>
    </message>
    <message>
        <source>This is a read-only copy (made from {0} on {1}): it can view and print. Packages are exported and imported on the street&apos;s reporting PC; for newer data, make a new copy there.</source>
        <translation>这是只读副本（来自 {0}，制作于 {1}）：可以查看和打印。数据包的导出和导入在本街道负责报送的电脑上进行；需要更新数据时，请在那台电脑上重新制作副本。</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Trusted key</source>
        <translation>已信任的密钥</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>已发送至</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>对方已确认</translation>
    </message>
    <message>
        <source>Last received</source>
        <translation>已接收至</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>最近接收</translation>
    </message>
    <message>
        <source>Their version</source>
        <translation>对方程序版本</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发送方</translation>
    </message>
    <message>
        <source>To</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>文件校验值（SHA-256）</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Changes of this street the district has not accepted yet: it decides, and its decision comes down with a later package.</source>
        <translation>以下是本街道报送后被区级暂扣、尚未生效的修改：区级处理后，结果会随之后的数据包下发。</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>往来单位</translation>
    </message>
    <message>
        <source>Write again…</source>
        <translation>重新写出…</translation>
    </message>
    <message>
        <source>The stick was lost: write the chosen sent package again, byte for byte</source>
        <translation>U 盘丢失时：把所选的已发送数据包原样重新写出</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>收发记录</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Sync centre</source>
        <translation>同步中心</translation>
    </message>
    <message>
        <source>This office: {0} · key fingerprint {1}</source>
        <translation>本单位：{0} · 密钥指纹 {1}</translation>
    </message>
    <message>
        <source>not trusted</source>
        <translation>未信任</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Conflicts ({0})</source>
        <translation>冲突（{0}）</translation>
    </message>
    <message>
        <source>Held at the district ({0})</source>
        <translation>区级待处理 ({0})</translation>
    </message>
    <message>
        <source>Save my key card</source>
        <translation>导出本机密钥卡</translation>
    </message>
    <message>
        <source>Key card (*.yqkey)</source>
        <translation>密钥卡 (*.yqkey)</translation>
    </message>
    <message>
        <source>Key card saved to {0}.
Read this fingerprint to the other office over the phone:
{1}</source>
        <translation>密钥卡已保存到 {0}。
请通过电话向对方念出以下指纹，供其核对：
{1}</translation>
    </message>
    <message>
        <source>Trust a key card</source>
        <translation>信任密钥卡</translation>
    </message>
    <message>
        <source>Key card of {0}
fingerprint {1}

Does it match what {0} read to you over the phone?</source>
        <translation>{0} 的密钥卡
指纹 {1}

与 {0} 在电话中念给您的指纹一致吗？</translation>
    </message>
    <message>
        <source>A key card of {0} is already trusted. Replace it with this one? Do so only when {0} has a rebuilt PC with new keys; packages signed with the old card will then be refused.</source>
        <translation>已信任{0}的另一张密钥卡。要用这张替换它吗？只有在{0}重装电脑、换了新密钥时才应替换；替换后，用旧密钥签名的数据包将被拒收。</translation>
    </message>
    <message>
        <source>Back up my keys</source>
        <translation>备份本机密钥</translation>
    </message>
    <message>
        <source>Key backup (*.yqkeybak)</source>
        <translation>密钥备份 (*.yqkeybak)</translation>
    </message>
    <message>
        <source>Passphrase for the backup:</source>
        <translation>备份口令：</translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing was written.</source>
        <translation>两次输入的口令不一致，未保存。</translation>
    </message>
    <message>
        <source>Key backup written to {0}. Keep it, and its passphrase, away from this PC.</source>
        <translation>密钥备份已保存到 {0}。请把它和口令分开保管，不要放在这台电脑上。</translation>
    </message>
    <message>
        <source>Where to write the package (a USB stick?)</source>
        <translation>选择数据包的保存位置（U 盘？）</translation>
    </message>
    <message>
        <source>All streets</source>
        <translation>全部街道</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>For which street?</source>
        <translation>发给哪个街道？</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在生成数据包…</translation>
    </message>
    <message>
        <source>Recovery package</source>
        <translation>恢复数据包</translation>
    </message>
    <message>
        <source>Choose a package this office sent.</source>
        <translation>请选择一个本单位发出的数据包。</translation>
    </message>
    <message>
        <source>Written again: {0}</source>
        <translation>已重新写出：{0}</translation>
    </message>
    <message>
        <source>{0}: {1} rows, package No. {2}</source>
        <translation>{0}：{1} 行，第 {2} 号数据包</translation>
    </message>
    <message>
        <source>Written:
{0}

Attach it to an e-mail or carry it on the stick.</source>
        <translation>已生成：
{0}

请作为电子邮件附件发送，或用 U 盘带去。</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>{0}-read-only-copy-{1}.sqlite</source>
        <translation>{0}-只读副本-{1}.sqlite</translation>
    </message>
    <message>
        <source>Save the read-only copy</source>
        <translation>保存只读副本</translation>
    </message>
    <message>
        <source>Database (*.sqlite)</source>
        <translation>数据库 (*.sqlite)</translation>
    </message>
    <message>
        <source>Copying the database…</source>
        <translation>正在复制数据库…</translation>
    </message>
    <message>
        <source>Read-only copy</source>
        <translation>只读副本</translation>
    </message>
    <message>
        <source>Written: {0}

On the second PC: install Yanqun, then File → Settings → Database at next start: choose this file. That PC can view and print; it cannot change data or exchange packages.</source>
        <translation>已写出：{0}

在第二台电脑上：安装雁群，然后在“文件 → 设置 → 下次启动使用的数据库”中选择这个文件。那台电脑可以查看和打印，不能修改数据，也不能收发数据包。</translation>
    </message>
    <message>
        <source>Import packages</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Packages (*.yqpkg)</source>
        <translation>数据包 (*.yqpkg)</translation>
    </message>
    <message>
        <source>Import every package in a folder</source>
        <translation>导入文件夹中的全部数据包</translation>
    </message>
    <message>
        <source>No packages (*.yqpkg) in {0}.</source>
        <translation>{0} 中没有数据包（*.yqpkg）。</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Topic team — {0}</source>
        <translation>课题组 — {0}</translation>
    </message>
    <message>
        <source>Add to team</source>
        <translation>加入课题组</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Current position</source>
        <translation>现任职务</translation>
    </message>
    <message>
        <source>Remove from team</source>
        <translation>移出课题组</translation>
    </message>
    <message>
        <source>The team has exactly one leader, who must be a serving community Party secretary.</source>
        <translation>课题组须有且只有一名组长，由现任社区党委书记担任。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0} is already on the team.</source>
        <translation>{0} 已在课题组中。</translation>
    </message>
    <message>
        <source>Choose a person first.</source>
        <translation>请先选择人员。</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Generated automatically from attendance, topic, assessment or honour records; change it in the original record</source>
        <translation>由考勤/课题/测评/荣誉记录自动生成，请在原记录中修改</translation>
    </message>
    <message>
        <source>(automatic)</source>
        <translation>（自动生成）</translation>
    </message>
</context>
<context>
    <name>TopicDetailDialog</name>
    <message>
        <source>Topic teams and progress are kept by the street; the district can only view them.</source>
        <translation>课题组和进度由街道维护，区级只能查看。</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>课题组</translation>
    </message>
    <message>
        <source>Six steps</source>
        <translation>六步进度</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Current position</source>
        <translation>现任职务</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>Edit team…</source>
        <translation>编辑课题组…</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>e.g. 2021-05-03</source>
        <translation>如 2021-05-03</translation>
    </message>
    <message>
        <source>Save step</source>
        <translation>保存本步</translation>
    </message>
    <message>
        <source>Started on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Files of this step</source>
        <translation>本步骤的文件</translation>
    </message>
    <message>
        <source>Save outcome</source>
        <translation>保存成果</translation>
    </message>
    <message>
        <source>The outcome of this topic is recorded by the office that set it; a street records its results in step 6&apos;s report and note.</source>
        <translation>课题成果由立项单位登记；街道请在第6步上传课题报告并填写备注。</translation>
    </message>
    <message>
        <source>Governance cases from this topic</source>
        <translation>由本课题形成的治理案例</translation>
    </message>
    <message>
        <source>Honours won</source>
        <translation>所获荣誉</translation>
    </message>
    <message>
        <source>Topic — {0}</source>
        <translation>课题详情 — {0}</translation>
    </message>
    <message>
        <source>All streets</source>
        <translation>各街道</translation>
    </message>
    <message>
        <source>{0} · {1} · {2} · Progress: {3}</source>
        <translation>{0}年 · {1} · {2} · 进度：{3}</translation>
    </message>
    <message>
        <source>Step {0}: {1}</source>
        <translation>第{0}步：{1}</translation>
    </message>
    <message>
        <source>Files of a street&apos;s topic are uploaded by the street; the district can only view them.</source>
        <translation>街道课题的文件由街道上传，区级只能查看。</translation>
    </message>
    <message>
        <source>Add file</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Could not read the file: {0}</source>
        <translation>无法读取文件：{0}</translation>
    </message>
    <message>
        <source>Save file as</source>
        <translation>文件另存为</translation>
    </message>
    <message>
        <source>Could not write the file: {0}</source>
        <translation>无法写入文件：{0}</translation>
    </message>
    <message>
        <source>Delete the file “{0}”?</source>
        <translation>删除文件「{0}」？</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>TopicDialog</name>
    <message>
        <source>Edit topic</source>
        <translation>修改课题</translation>
    </message>
    <message>
        <source>Add topic</source>
        <translation>新增课题</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>课题名称</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>课题简介</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>成果</translation>
    </message>
</context>
<context>
    <name>TopicsPage</name>
    <message>
        <source>Search by title or community</source>
        <translation>按名称或社区搜索</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Topic details…</source>
        <translation>课题详情…</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer to another street</source>
        <translation>调动到其他街道</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>To street</source>
        <translation>调入街道</translation>
    </message>
    <message>
        <source>Effective on</source>
        <translation>调动日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TutorDialog</name>
    <message>
        <source>Edit tutor</source>
        <translation>修改师资</translation>
    </message>
    <message>
        <source>Add tutor</source>
        <translation>新增师资</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>School</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Post or title</source>
        <translation>职务/职称</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>擅长领域</translation>
    </message>
    <message>
        <source>Nomination</source>
        <translation>推荐方式</translation>
    </message>
    <message>
        <source>Recommended by</source>
        <translation>推荐人/单位</translation>
    </message>
    <message>
        <source>Vetting</source>
        <translation>考察状态</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TutorsPage</name>
    <message>
        <source>Search by name or pinyin initials</source>
        <translation>按姓名或拼音首字母搜索</translation>
    </message>
    <message>
        <source>The tutor pool is kept by the district; a street can only view it and recommend tutors.</source>
        <translation>师资库由区委组织部维护，街道只能查看；可使用“推荐师资”向区里推荐。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Street recommendations…</source>
        <translation>街道推荐…</translation>
    </message>
    <message>
        <source>The district&apos;s tutor pool appears here once its data package is imported.</source>
        <translation>师资库由区里统一维护，导入区级数据包后在此显示。</translation>
    </message>
    <message>
        <source>Recommend a tutor…</source>
        <translation>推荐师资…</translation>
    </message>
    <message>
        <source>Our recommendations…</source>
        <translation>我的推荐…</translation>
    </message>
    <message>
        <source>Retire “{0}” from the tutor pool?</source>
        <translation>确定将「{0}」从师资库停用吗？</translation>
    </message>
</context>
</TS>
