// A public function answering JSON, with a header and a cookie of its own.
exports.handler = (context, event, callback) => {
  const response = new Twilio.Response();
  response.appendHeader('Content-Type', 'application/json');
  response.setCookie('visited', 'yes', ['Path=/']);
  response.setBody({ hello: event.name || 'stranger', domain: context.DOMAIN_NAME, path: context.PATH });
  callback(null, response);
};
