/** The reporting layer's pure renderers; the edge (files.ts, github.ts) writes what they return. */
export * from './model';
export { ANNOTATIONS_PER_LEVEL, escapeData, escapeProperty, renderAnnotations, type AnnotationOptions } from './annotations';
export {
  COMMENT_MAX_CHARS,
  SUMMARY_MAX_BYTES,
  commentMarkerLine,
  escapeCell,
  escapeInline,
  fitMarkdown,
  renderComment,
  renderMarkdown,
  type CommentOptions,
  type FitOptions,
  type MarkdownOptions,
} from './markdown';
export {
  ANNOTATIONS_PER_REQUEST,
  CHECK_TEXT_LIMIT,
  CHECK_TITLE_MAX,
  buildCheckRun,
  checkConclusion,
  type AnnotationLevel,
  type CheckAnnotation,
  type CheckConclusion,
  type CheckOutput,
  type CheckRunOptions,
  type CheckRunPayload,
} from './checkrun';
export { FINGERPRINT_KEY, SARIF_SCHEMA_URI, fnv1a64, renderSarif, type SarifLog, type SarifOptions } from './sarif';
export { escapeXmlAttribute, escapeXmlText, renderJUnit, stripIllegalXml, type JUnitOptions } from './junit';
export { displayWidth, renderTerminal, sanitizeTerminal, type TerminalOptions } from './terminal';
export { utf8Length } from './text';
