// Sends a message through the REST API with the context's client, as a team's function does.
exports.handler = async (context, event, callback) => {
  try {
    const client = context.getTwilioClient();
    const message = await client.messages.create({ from: event.To, to: event.From, body: 'Sent through the API from a function' });
    console.log('sent ' + message.sid);
    callback(null, '');
  } catch (error) {
    callback(error);
  }
};
