// Run inside the DevTools window (record.py): what the Network panel's "Save all as HAR
// (with sensitive data)" writes, from DevTools' own modules (models/har, Chromium 156).
(async () => {
  const HAR = await import('./models/har/har.js');
  const Logs = await import('./models/logs/logs.js');
  const Common = await import('./core/common/common.js');
  const requests = Logs.NetworkLog.NetworkLog.instance().requests();
  const progress = new Common.Progress.CompositeProgress(new Common.Progress.Progress());
  // As the Network panel's "Save all as HAR (with sensitive data)" does.
  return await HAR.Writer.Writer.harStringForRequests(requests, {sanitize: false}, progress);
})()
