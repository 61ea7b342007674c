// i18n.js: every string of the page in Chinese (first) and English, the current language, and the
// switch: <html lang> follows it, static elements carry data-i18n="key" (text) and
// data-i18n-attr="attr:key;attr:key" (attributes), the views re-render on change.

const STRINGS = {
  'doc.title': ['年报检查 nianbao', 'nianbao: annual report checker'],
  skip: ['跳到主要内容', 'Skip to main content'],
  'app.title': ['政府信息公开工作年度报告检查', 'Government information disclosure annual reports: checker'],
  'app.tagline': ['按国务院办公厅规定格式逐格检查；报告只发送到本服务，不保存', 'Checked cell by cell against the State Council template; reports go only to this service and are not stored'],
  footer: ['报告只发送到本服务（同源），服务器不保存任何内容。检查是确定性的：不使用大模型，不猜测。', 'Reports are sent only to this service (same origin) and nothing is stored on the server. The checks are deterministic: no LLM, no guessing.'],
  'tabs.label': ['功能', 'Views'],
  'tab.check': ['检查', 'Check'],
  'tab.batch': ['批量', 'Batch'],
  'tab.compare': ['对比', 'Compare'],
  'tab.fill': ['填报', 'Fill in'],
  'status.lang': ['已切换到中文', 'Switched to English'],

  'apikey.label': ['API 密钥', 'API key'],
  'apikey.set': ['使用此密钥', 'Use this key'],
  'apikey.help': ['服务器要求 API 密钥。密钥只保存在本页内存中，随请求发送（Authorization: Bearer），刷新页面即清除。输入后请重新操作。', 'The server requires an API key. It is kept in this page\'s memory only and sent with each request (Authorization: Bearer); reloading the page forgets it. Enter it, then try again.'],
  'apikey.saved': ['已设置 API 密钥，请重新操作', 'API key set; please try again'],

  'input.file': ['选择文件', 'Choose a file'],
  'input.fileHelp': ['文本、HTML、DOCX 或 PDF；也可把文件拖到此处。', 'Text, HTML, DOCX or PDF; or drop the file here.'],
  'input.paste': ['或粘贴报告文本', 'Or paste the report\'s text'],
  'input.filePrev': ['选择上一年度的文件', 'Choose last year\'s file'],
  'input.pastePrev': ['或粘贴上一年度报告文本', 'Or paste last year\'s text'],
  'input.chosen': ['已选择：', 'Chosen: '],
  'action.clear': ['清除', 'Clear'],
  downloads: ['下载', 'Download'],
  'dl.docx': ['规范格式 Word', 'Canonical Word (DOCX)'],
  'dl.csv': ['CSV 单元格表', 'CSV of every cell'],
  'dl.findings': ['检查报告（HTML）', 'Findings report (HTML)'],
  'tables.title': ['报告表格（规范格式）', 'The report\'s tables (official layout)'],
  'tables.region': ['表格（可左右滚动）', 'Table (scrolls sideways)'],

  'check.title': ['检查一份报告', 'Check a report'],
  'check.intro': ['粘贴报告全文，或选择、拖入文件（文本、网页、Word、PDF）。可选上一年度的报告，检查跨年度衔接。点击检查发现，表格中对应的单元格会突出显示。', 'Paste the whole report, or choose or drop a file (text, web page, Word, PDF). Optionally add last year\'s report for the cross-year checks. Activate a finding to highlight its cells in the tables.'],
  'check.current': ['本年度报告', 'This year\'s report'],
  'check.previous': ['上一年度报告（可选）', 'Last year\'s report (optional)'],
  'check.run': ['检查', 'Check'],
  'check.needInput': ['请选择文件或粘贴报告文本。', 'Choose a file or paste the report\'s text.'],
  'status.checking': ['正在检查…', 'Checking…'],
  'status.checked': ['检查完成：{verdict}，{n} 条检查发现', 'Checked: {verdict}, {n} findings'],

  'findings.title': ['检查发现', 'Findings'],
  'findings.none': ['没有检查发现。', 'No findings.'],
  'findings.crossyear': ['跨年度', 'cross-year'],
  'findings.more': ['，另 {n} 个', ', and {n} more'],
  'findings.cells': ['单元格', 'Cells'],
  'findings.location': ['原文位置', 'Source'],
  'findings.expected': ['应为', 'Expected'],
  'findings.actual': ['实为', 'Actual'],
  'findings.notAssessable': ['无法评估', 'Not assessable'],
  'findings.notAssessableYes': ['所需单元格缺失', 'cells it needs are missing'],
  'findings.suggestion': ['建议', 'Suggestion'],
  'findings.highlighted': ['{code}：已在表格中突出显示 {n} 个单元格', '{code}: {n} cells highlighted in the tables'],
  'findings.noCells': ['{code}：不涉及表格单元格，见原文位置', '{code}: no table cells; see the source line'],
  'loc.line': ['第 {line} 行', 'line {line}'],
  'loc.pageLine': ['第 {page} 页第 {line} 行', 'page {page}, line {line}'],

  'sev.SEVERITY_ERROR': ['错误', 'Errors'],
  'sev.SEVERITY_WARNING': ['警告', 'Warnings'],
  'sev.SEVERITY_INFO': ['提示', 'Notes'],
  'verdict.VERDICT_PASS': ['通过', 'Pass'],
  'verdict.VERDICT_PASS_WITH_WARNINGS': ['通过（有警告）', 'Pass with warnings'],
  'verdict.VERDICT_FAIL': ['不通过', 'Fail'],
  'verdict.VERDICT_UNSPECIFIED': ['未知', 'Unknown'],
  'verdict.undefined': ['未知', 'Unknown'],
  'meta.body': ['发布机关', 'Issuing body'],
  'meta.year': ['报告年度', 'Report year'],
  'meta.template': ['格式', 'Template'],
  'meta.unknown': ['未识别', 'not found'],
  'count.errors': ['错误', 'Errors'],
  'count.warnings': ['警告', 'Warnings'],
  'count.infos': ['提示', 'Notes'],
  'template.F2021': ['2021年格式（国办公开办函〔2021〕30号）', '2021 template (国办公开办函〔2021〕30号)'],
  'template.F2019': ['2019年格式（国办公开办函〔2019〕60号，用于2019、2020年度）', '2019 template (国办公开办函〔2019〕60号, for 2019 and 2020)'],
  'template.short.TEMPLATE_VERSION_F2021': ['2021年格式', '2021 template'],
  'template.short.TEMPLATE_VERSION_F2019': ['2019年格式', '2019 template'],
  'template.short.TEMPLATE_VERSION_UNSPECIFIED': ['未识别', 'not found'],

  'batch.title': ['批量检查', 'Check a batch'],
  'batch.intro': ['一次选择多份报告（如各部门的年报）。逐份检查，无法读取的文件单独列出，不影响其他文件；最后汇总关键数字。点击列标题排序。', 'Choose many reports at once (e.g. every department\'s). Each is checked in turn; a file that cannot be read gets its own row and does not stop the others; then the key figures are rolled up. Sort by activating a column header.'],
  'batch.files': ['选择多个文件', 'Choose files'],
  'batch.filesHelp': ['可多选，也可把文件拖到此处。', 'Choose several, or drop them here.'],
  'batch.run': ['开始检查', 'Check all'],
  'batch.progress': ['进度', 'Progress'],
  'batch.allFigures': ['显示全部关键数字', 'Show every key figure'],
  'batch.csv': ['下载批量结果 CSV', 'Download the batch as CSV'],
  'batch.tableLabel': ['批量结果（可左右滚动）', 'Batch results (scrolls sideways)'],
  'batch.caption': ['批量检查结果', 'Batch results'],
  'batch.rollup': ['汇总', 'Roll-up'],
  'batch.rollupPending': ['全部文件检查完成后汇总。', 'The roll-up follows when every file is checked.'],
  'batch.included': ['合计纳入 {n} 份报告（可读取 {total} 份），汇总年度 {year}。', '{n} reports included in the total ({total} readable), roll-up year {year}.'],
  'batch.col.file': ['文件', 'File'],
  'batch.col.body': ['发布机关', 'Issuing body'],
  'batch.col.year': ['年度', 'Year'],
  'batch.col.verdict': ['结论', 'Verdict'],
  'batch.col.errors': ['错误', 'Errors'],
  'batch.col.warnings': ['警告', 'Warnings'],
  'batch.refused': ['无法检查', 'Refused'],
  'batch.pending': ['等待检查…', 'Waiting…'],
  'batch.needFiles': ['请选择要检查的文件。', 'Choose the files to check.'],
  'batch.started': ['开始检查 {n} 个文件', 'Checking {n} files'],
  'batch.finished': ['批量检查完成：{n} 个文件，{failed} 个无法检查', 'Batch done: {n} files, {failed} refused'],
  'batch.noneReadable': ['没有可读取的报告，无法汇总。', 'No readable report to roll up.'],
  'batch.sorted': ['按“{column}”{dir}排序', 'Sorted by {column}, {dir}'],
  'sort.ascending': ['升序', 'ascending'],
  'sort.descending': ['降序', 'descending'],
  'figure.name': ['指标', 'Figure'],
  'figure.total': ['合计', 'Total'],
  'figure.previous': ['上年', 'Last year'],
  'figure.current': ['本年', 'This year'],
  'figure.change': ['变化', 'Change'],
  'figure.incomplete': ['有报告的相关单元格空白或缺失，合计不完整', 'a cell it needs was blank or missing in some report: the total is incomplete'],
  'change.up': ['增加', 'up'],
  'change.down': ['减少', 'down'],

  'compare.title': ['两个年度对比', 'Compare two years'],
  'compare.intro': ['同一机关本年度和上一年度的报告：关键数字、跨年度衔接（本年“上年结转”与上年“结转下年度”、现行有效件数）与逐格变化。', 'This year\'s and last year\'s report of the same body: key figures, the cross-year links (this year\'s 上年结转 against last year\'s 结转下年度, the 现行有效件数 chain) and every cell\'s change.'],
  'compare.current': ['本年度报告', 'This year\'s report'],
  'compare.previous': ['上一年度报告', 'Last year\'s report'],
  'compare.run': ['对比', 'Compare'],
  'compare.figures': ['关键数字', 'Key figures'],
  'compare.crossyear': ['检查发现（跨年度在前）', 'Findings (cross-year first)'],
  'compare.crossyearCount': ['{n} 条跨年度检查发现（XYR），已突出显示。', '{n} cross-year findings (XYR), marked below.'],
  'compare.crossyearNone': ['跨年度衔接检查未发现问题。', 'The cross-year checks found nothing.'],
  'compare.needBoth': ['请提供本年度和上一年度两份报告。', 'Give both this year\'s and last year\'s report.'],
  'compare.legend': ['跨年度衔接表中，本年与上年的数值并列；三张表中每格粗体为本年，下方灰色小字为上年，有变化的单元格为蓝底。', 'In the links table this year\'s and last year\'s values sit side by side; in the three tables each cell shows this year in bold and last year below in small grey type; changed cells have a blue background.'],
  'compare.tables': ['三张表逐格对比', 'The three tables, cell by cell'],
  'fill.tables': ['表格', 'Tables'],
  'compare.renderFailed': ['对比页面无法生成：', 'The comparison could not be rendered: '],
  'status.comparing': ['正在对比…', 'Comparing…'],
  'status.compared': ['对比完成，{n} 条跨年度检查发现', 'Compared: {n} cross-year findings'],

  'fill.title': ['在线填报', 'Fill in the tables'],
  'fill.intro': ['按规范格式直接填写表二、表三、表四，边填边检查勾稽关系。没有错误后可导出规范格式的 Word 或网页。草稿可保存为 JSON 文件，稍后载入继续填写。', 'Fill in 表二, 表三 and 表四 in the official layout; the identities are checked as you type. With no error left, export the canonical Word or web page. Save the draft as a JSON file and load it later.'],
  'fill.body': ['发布机关', 'Issuing body'],
  'fill.year': ['报告年度', 'Report year'],
  'fill.template': ['格式', 'Template'],
  'fill.zero': ['空白处填0', 'Fill blanks with 0'],
  'fill.save': ['保存草稿（JSON）', 'Save draft (JSON)'],
  'fill.load': ['载入草稿', 'Load a draft'],
  'fill.docx': ['导出 Word', 'Export Word'],
  'fill.html': ['导出网页', 'Export web page'],
  'fill.help': ['数字直接填写；“/”或“—”按占位符处理；留空即空白。没有错误时才能导出。', 'Type numbers; "/" or "—" is kept as a placeholder; empty is blank. Export is possible once there is no error.'],
  'fill.expected': ['应为 {value}', 'expected {value}'],
  'fill.invalid': ['无效', 'invalid'],
  'fill.checked': ['已检查：{verdict}，{errors} 个错误', 'Checked: {verdict}, {errors} errors'],
  'fill.saved': ['草稿已保存', 'Draft saved'],
  'fill.loaded': ['草稿已载入', 'Draft loaded'],
  'fill.loadedUnknown': ['草稿已载入；{n} 个单元格不属于当前格式，已忽略', 'Draft loaded; {n} cells are not in this template and were ignored'],
  'fill.draftInvalid': ['这不是本页保存的草稿文件（JSON）。', 'This is not a draft saved by this page (JSON).'],
  'fill.zeroed': ['已在 {n} 个空白单元格填入 0', '0 filled into {n} blank cells'],
  'fill.templateSwitched': ['已按报告年度改用{template}', 'Switched to the {template} for that year'],

  'error.http': ['请求失败（HTTP {status}）', 'The request failed (HTTP {status})'],
  'error.network': ['无法连接服务器，请检查服务是否在运行。', 'The server cannot be reached; is it running?'],
  'error.unexpected': ['出现意外错误：{message}', 'Unexpected error: {message}'],
  'error.read': ['无法读取文件：{message}', 'The file cannot be read: {message}'],

  // Refusals, by google.rpc.ErrorInfo reason (docs/errors.md).
  'reason.INPUT_TOO_LARGE': ['文件太大，超过服务器的大小限制。请拆分或压缩后再试。', 'The file is too large for the server\'s limit. Split or shrink it and try again.'],
  'reason.MESSAGE_TOO_LARGE': ['请求太大，超过服务器的大小限制（批量时请分批提交）。', 'The request is larger than the server accepts (for a batch, send fewer files at once).'],
  'reason.PDF_NO_TEXT': ['这份 PDF 是扫描件，没有文字层，无法读取（不支持 OCR）。请提供带文字的 PDF、Word 或网页版本。', 'This PDF is a scan without a text layer and cannot be read (no OCR). Give a PDF with text, the Word file or the web page.'],
  'reason.PDF_ENCRYPTED': ['这份 PDF 已加密（需要密码），无法读取。请提供未加密的文件。', 'This PDF is encrypted with a password and cannot be read. Give an unencrypted file.'],
  'reason.PDF_DAMAGED': ['PDF 文件已损坏或不是 PDF 文件。', 'The PDF is damaged, or not a PDF.'],
  'reason.PDF_TOO_LARGE': ['PDF 超过读取限制（页数、对象数或解压大小），已拒绝。', 'The PDF is over a reading limit (pages, objects or inflated size).'],
  'reason.INPUT_BINARY': ['无法读取：这不是文本、网页、Word（DOCX）或 PDF 文件。', 'Cannot be read: this is not a text, HTML, Word (DOCX) or PDF file.'],
  'reason.DOCX_INVALID': ['Word 文件已损坏或不是 DOCX 文件（旧的 .doc 格式请另存为 .docx）。', 'The Word file is damaged or not a DOCX (save an old .doc as .docx).'],
  'reason.DOCX_TOO_LARGE': ['Word 文件解压后超过限制，已拒绝。', 'The Word file inflates past the limit and was refused.'],
  'reason.INPUT_EMPTY': ['报告内容为空。', 'The report is empty.'],
  'reason.INPUT_MISSING': ['缺少报告：请选择文件或粘贴文本。', 'No report: choose a file or paste the text.'],
  'reason.INPUT_TOO_COMPLEX': ['文档结构过于复杂，超出限制。', 'The document is too complex (over a limit).'],
  'reason.INPUT_UNDECODABLE': ['无法识别文本编码（支持 UTF-8、UTF-16、GB18030）。', 'The text\'s encoding is not recognised (UTF-8, UTF-16, GB18030 are).'],
  'reason.MEDIA_TYPE_UNKNOWN': ['无法识别的文件类型：请使用文本、网页、Word（DOCX）或 PDF。', 'Unknown file type: use text, HTML, Word (DOCX) or PDF.'],
  'reason.REPORT_INVALID': ['有单元格内容无效：只能填写数字、“/”或“—”，或留空。', 'Some cells are invalid: type a number, "/" or "—", or leave them empty.'],
  'reason.UNAUTHENTICATED': ['服务器要求有效的 API 密钥，请在上方输入。', 'The server requires a valid API key: enter it above.'],
  'reason.OVERLOADED': ['服务繁忙，请稍后重试。', 'The server is busy; try again shortly.'],
  'reason.UNAVAILABLE': ['服务暂不可用，请稍后重试。', 'The service is unavailable; try again shortly.'],
  'reason.DEADLINE_EXCEEDED': ['处理超时，请稍后重试或拆分文件。', 'It took too long; try again or split the file.'],
  'reason.BODY_INVALID': ['请求格式有误（服务器版本可能不同）。', 'The request was not understood (the server may be another version).'],
  'reason.FORMAT_INVALID': ['服务器不支持该输出格式。', 'The server does not offer this output format.'],
  'reason.VIEW_UNKNOWN': ['服务器不支持该响应内容范围。', 'The server does not offer this response view.'],
  'reason.INTERNAL': ['服务器内部错误，请联系管理员。', 'Internal server error; contact the administrator.'],
  'reason.PROTOCOL_UNSUPPORTED': ['不支持该调用方式。', 'This kind of call is not supported.'],
  'reason.METHOD_UNKNOWN': ['服务器不提供该功能（版本可能不同）。', 'The server does not offer this call (another version?).'],
  'reason.CANCELLED': ['请求已取消。', 'The request was cancelled.'],
};

let current = 'zh';
const listeners = [];

/** The current language: 'zh' or 'en'. */
export function lang() {
  return current;
}

/** The string for key in the current language, with {name} placeholders filled from params. */
export function t(key, params) {
  const entry = STRINGS[key];
  if (!entry) return key;
  let s = entry[current === 'en' ? 1 : 0];
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) => (params[name] !== undefined && params[name] !== null ? String(params[name]) : m));
  }
  return s;
}

export function setLang(next) {
  current = next === 'en' ? 'en' : 'zh';
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  listeners.forEach((fn) => fn(current));
}

export function onLangChange(fn) {
  listeners.push(fn);
}

/** Sets the text and attributes of static elements marked with data-i18n / data-i18n-attr. */
export function applyStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    el.dataset.i18nAttr.split(';').forEach((pair) => {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    });
  });
}

/** Both languages of a key (for tests and for strings shown in both). */
export function both(key) {
  return STRINGS[key] ? STRINGS[key].slice() : [key, key];
}
