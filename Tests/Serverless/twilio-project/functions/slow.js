// Answers after fourteen seconds (within the webhook's 15 s read timeout): the run is still waiting on it when the test kills the run.
exports.handler = (context, event, callback) => {
  setTimeout(() => callback(null, 'late'), 14000);
};
