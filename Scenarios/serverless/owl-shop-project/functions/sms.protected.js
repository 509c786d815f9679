// An inbound SMS: the reply names the store (an environment variable) and the owl's price (a
// private asset, read through Runtime.getAssets()).
exports.handler = (context, event, callback) => {
  const prices = JSON.parse(Runtime.getAssets()['/prices.json'].open());
  console.log(`looked up the price for ${event.From}`);
  const twiml = new Twilio.twiml.MessagingResponse();
  twiml.message(`${context.STORE_NAME}: an owl costs ${prices.owl}`);
  callback(null, twiml);
};
