// Answers after eight seconds: the run is still waiting on it when the test kills the run.
exports.handler = (context, event, callback) => {
  setTimeout(() => callback(null, 'late'), 8000);
};
