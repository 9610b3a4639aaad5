// Declarations only: the TwilioVideo iOS SDK API (TwilioVideo.framework, class prefix TVI) that
// react-native-twilio-video-webrtc calls — names and selectors from Twilio's iOS reference and the wrapper's calls.
#pragma once
#import <Foundation/Foundation.h>
#import <UIKit/UIKit.h>
#import <AVFoundation/AVFoundation.h>
@class TVIRoom, TVIRemoteParticipant, TVILocalParticipant, TVIVideoFormat, TVIRemoteVideoTrack, TVIRemoteAudioTrack,
    TVIRemoteDataTrack, TVIRemoteVideoTrackPublication, TVIRemoteAudioTrackPublication, TVIRemoteDataTrackPublication,
    TVILocalVideoTrack, TVILocalAudioTrack, TVILocalDataTrack, TVICameraSource, TVIAppScreenSource, TVIVideoView,
    TVILocalVideoTrackPublication, TVILocalAudioTrackPublication, TVILocalDataTrackPublication;
typedef NS_ENUM(NSInteger, TVINetworkQualityLevel) { TVINetworkQualityLevelUnknown = -1, TVINetworkQualityLevelZero = 0, TVINetworkQualityLevelOne, TVINetworkQualityLevelTwo, TVINetworkQualityLevelThree, TVINetworkQualityLevelFour, TVINetworkQualityLevelFive };
typedef NS_ENUM(NSInteger, TVINetworkQualityVerbosity) { TVINetworkQualityVerbosityNone = 0, TVINetworkQualityVerbosityMinimal = 1 };
typedef NS_ENUM(NSInteger, TVIRoomState) { TVIRoomStateConnecting = 0, TVIRoomStateConnected, TVIRoomStateDisconnected, TVIRoomStateReconnecting };
typedef NS_ENUM(NSUInteger, TVIPixelFormat) { TVIPixelFormat32BGRA = 0x42475241, TVIPixelFormatYUV420BiPlanarVideoRange = 0x34323076, TVIPixelFormatYUV420BiPlanarFullRange = 0x34323066 };
typedef NS_ENUM(NSInteger, TVIVideoOrientation) { TVIVideoOrientationUp = 0 };

@protocol TVIVideoRenderer <NSObject>
@end
@interface TVIVideoView : UIView <TVIVideoRenderer>
- (instancetype)initWithFrame:(CGRect)frame delegate:(id)delegate;
@property (nonatomic, assign, getter=shouldMirror) BOOL mirror;
@property (nonatomic, readonly) CMVideoDimensions videoDimensions;
@end
@interface TVIVideoFormat : NSObject
@property (nonatomic, assign) CMVideoDimensions dimensions;
@property (nonatomic, assign) NSUInteger frameRate;
@property (nonatomic, assign) TVIPixelFormat pixelFormat;
@end
@interface TVIVideoCodec : NSObject
@end
@interface TVIH264Codec : TVIVideoCodec
@end
@interface TVIEncodingParameters : NSObject
- (instancetype)initWithAudioBitrate:(NSUInteger)audioBitrate videoBitrate:(NSUInteger)videoBitrate;
@end
@interface TVINetworkQualityConfiguration : NSObject
- (instancetype)initWithLocalVerbosity:(TVINetworkQualityVerbosity)local remoteVerbosity:(TVINetworkQualityVerbosity)remote;
@end

@interface TVITrack : NSObject
@property (nonatomic, readonly, getter=isEnabled) BOOL enabled;
@property (nonatomic, readonly, copy) NSString *name;
@end
@interface TVIVideoTrack : TVITrack
@property (nonatomic, readonly, copy) NSArray<id<TVIVideoRenderer>> *renderers;
- (void)addRenderer:(id<TVIVideoRenderer>)renderer;
- (void)removeRenderer:(id<TVIVideoRenderer>)renderer;
@end
@interface TVIAudioTrack : TVITrack
@end
@interface TVIRemoteVideoTrack : TVIVideoTrack
@property (nonatomic, readonly, copy) NSString *sid;
@end
@interface TVIRemoteAudioTrack : TVIAudioTrack
@property (nonatomic, readonly, copy) NSString *sid;
- (void)setPlaybackEnabled:(BOOL)e;
@property (nonatomic, assign, getter=isPlaybackEnabled) BOOL playbackEnabled;
@end
@interface TVIRemoteDataTrack : TVITrack
@property (nonatomic, readonly, copy) NSString *sid;
@property (nonatomic, weak) id delegate;
@end
@interface TVILocalVideoTrack : TVIVideoTrack
+ (instancetype)trackWithSource:(id)source;
+ (instancetype)trackWithSource:(id)source enabled:(BOOL)enabled name:(NSString *)name;
@property (nonatomic, assign, getter=isEnabled) BOOL enabled;
@property (nonatomic, readonly) id source;
@end
@interface TVIAudioOptions : NSObject
@end
@interface TVILocalAudioTrack : TVIAudioTrack
+ (instancetype)track;
+ (instancetype)trackWithOptions:(TVIAudioOptions *)options enabled:(BOOL)enabled name:(NSString *)name;
@property (nonatomic, assign, getter=isEnabled) BOOL enabled;
@end
@interface TVILocalDataTrack : TVITrack
+ (instancetype)track;
- (void)sendString:(NSString *)message;
- (void)sendData:(NSData *)message;
@end

@interface TVITrackPublication : NSObject
@property (nonatomic, readonly, copy) NSString *trackSid;
@property (nonatomic, readonly, copy) NSString *trackName;
@property (nonatomic, readonly, getter=isTrackEnabled) BOOL trackEnabled;
@end
@interface TVIRemoteVideoTrackPublication : TVITrackPublication
@property (nonatomic, readonly) TVIRemoteVideoTrack *remoteTrack;
@property (nonatomic, readonly) TVIRemoteVideoTrack *videoTrack;
@property (nonatomic, readonly, getter=isTrackSubscribed) BOOL trackSubscribed;
@end
@interface TVIRemoteAudioTrackPublication : TVITrackPublication
@property (nonatomic, readonly) TVIRemoteAudioTrack *remoteTrack;
@property (nonatomic, readonly) TVIRemoteAudioTrack *audioTrack;
@property (nonatomic, readonly, getter=isTrackSubscribed) BOOL trackSubscribed;
@end
@interface TVIRemoteDataTrackPublication : TVITrackPublication
@property (nonatomic, readonly) TVIRemoteDataTrack *remoteTrack;
@end
@interface TVILocalVideoTrackPublication : TVITrackPublication
@property (nonatomic, readonly) TVILocalVideoTrack *localTrack;
@end
@interface TVILocalAudioTrackPublication : TVITrackPublication
@property (nonatomic, readonly) TVILocalAudioTrack *localTrack;
@end
@interface TVILocalDataTrackPublication : TVITrackPublication
@end

@interface TVIParticipant : NSObject
@property (nonatomic, readonly, copy) NSString *identity;
@property (nonatomic, readonly, copy) NSString *sid;
@property (nonatomic, readonly) TVINetworkQualityLevel networkQualityLevel;
@property (nonatomic, readonly, copy) NSArray<TVITrackPublication *> *audioTracks;
@property (nonatomic, readonly, copy) NSArray<TVITrackPublication *> *videoTracks;
@property (nonatomic, readonly, copy) NSArray<TVITrackPublication *> *dataTracks;
@end
@interface TVIRemoteParticipant : TVIParticipant
@property (nonatomic, weak) id delegate;
@property (nonatomic, readonly, copy) NSArray<TVIRemoteAudioTrackPublication *> *remoteAudioTracks;
@property (nonatomic, readonly, copy) NSArray<TVIRemoteVideoTrackPublication *> *remoteVideoTracks;
@property (nonatomic, readonly, copy) NSArray<TVIRemoteDataTrackPublication *> *remoteDataTracks;
@end
@interface TVILocalParticipant : TVIParticipant
@property (nonatomic, weak) id delegate;
- (BOOL)publishVideoTrack:(TVILocalVideoTrack *)track;
- (BOOL)publishAudioTrack:(TVILocalAudioTrack *)track;
- (BOOL)publishDataTrack:(TVILocalDataTrack *)track;
- (BOOL)unpublishVideoTrack:(TVILocalVideoTrack *)track;
- (BOOL)unpublishAudioTrack:(TVILocalAudioTrack *)track;
- (BOOL)unpublishDataTrack:(TVILocalDataTrack *)track;
@end

@interface TVIBaseTrackStats : NSObject
@property (nonatomic, readonly, copy) NSString *trackSid;
@property (nonatomic, readonly) NSUInteger packetsLost;
@property (nonatomic, readonly, copy) NSString *codec;
@property (nonatomic, readonly, copy) NSString *ssrc;
@property (nonatomic, readonly) double timestamp;
@end
@interface TVIRemoteTrackStats : TVIBaseTrackStats
@property (nonatomic, readonly) int64_t bytesReceived;
@property (nonatomic, readonly) NSUInteger packetsReceived;
@end
@interface TVILocalTrackStats : TVIBaseTrackStats
@property (nonatomic, readonly) int64_t bytesSent;
@property (nonatomic, readonly) NSUInteger packetsSent;
@property (nonatomic, readonly) int64_t roundTripTime;
@end
@interface TVIRemoteAudioTrackStats : TVIRemoteTrackStats
@property (nonatomic, readonly) NSUInteger audioLevel;
@property (nonatomic, readonly) NSUInteger jitter;
@end
@interface TVIRemoteVideoTrackStats : TVIRemoteTrackStats
@property (nonatomic, readonly) CMVideoDimensions dimensions;
@property (nonatomic, readonly) NSUInteger frameRate;
@end
@interface TVILocalAudioTrackStats : TVILocalTrackStats
@property (nonatomic, readonly) NSUInteger audioLevel;
@property (nonatomic, readonly) NSUInteger jitter;
@end
@interface TVILocalVideoTrackStats : TVILocalTrackStats
@property (nonatomic, readonly) CMVideoDimensions dimensions;
@property (nonatomic, readonly) NSUInteger frameRate;
@end
@interface TVIStatsReport : NSObject
@property (nonatomic, readonly, copy) NSString *peerConnectionId;
@property (nonatomic, readonly, copy) NSArray<TVIRemoteAudioTrackStats *> *remoteAudioTrackStats;
@property (nonatomic, readonly, copy) NSArray<TVIRemoteVideoTrackStats *> *remoteVideoTrackStats;
@property (nonatomic, readonly, copy) NSArray<TVILocalAudioTrackStats *> *localAudioTrackStats;
@property (nonatomic, readonly, copy) NSArray<TVILocalVideoTrackStats *> *localVideoTrackStats;
@end

@interface TVIConnectOptionsBuilder : NSObject
@property (nonatomic, copy) NSArray<TVILocalAudioTrack *> *audioTracks;
@property (nonatomic, copy) NSArray<TVILocalVideoTrack *> *videoTracks;
@property (nonatomic, copy) NSArray<TVILocalDataTrack *> *dataTracks;
@property (nonatomic, copy) NSString *roomName;
@property (nonatomic, copy) NSString *region;
@property (nonatomic, assign, getter=isDominantSpeakerEnabled) BOOL dominantSpeakerEnabled;
@property (nonatomic, assign, getter=isNetworkQualityEnabled) BOOL networkQualityEnabled;
@property (nonatomic, strong) TVINetworkQualityConfiguration *networkQualityConfiguration;
@property (nonatomic, copy) NSArray<TVIVideoCodec *> *preferredVideoCodecs;
@property (nonatomic, strong) TVIEncodingParameters *encodingParameters;
@end
typedef void (^TVIConnectOptionsBuilderBlock)(TVIConnectOptionsBuilder *builder);
@interface TVIConnectOptions : NSObject
+ (instancetype)optionsWithToken:(NSString *)token;
+ (instancetype)optionsWithToken:(NSString *)token block:(TVIConnectOptionsBuilderBlock)block;
@end

@interface TVIRoom : NSObject
@property (nonatomic, readonly, copy) NSString *name;
@property (nonatomic, readonly, copy) NSString *sid;
@property (nonatomic, readonly) TVIRoomState state;
@property (nonatomic, readonly) TVILocalParticipant *localParticipant;
@property (nonatomic, readonly, copy) NSArray<TVIRemoteParticipant *> *remoteParticipants;
@property (nonatomic, readonly) TVIRemoteParticipant *dominantSpeaker;
@property (nonatomic, weak) id delegate;
- (TVIRemoteParticipant *)getRemoteParticipantWithSid:(NSString *)sid;
- (void)getStatsWithBlock:(void (^)(NSArray<TVIStatsReport *> *statsReports))block;
- (void)disconnect;
@end
@protocol TVIRoomDelegate <NSObject>
@optional
- (void)didConnectToRoom:(TVIRoom *)room;
@end
@protocol TVIRemoteParticipantDelegate <NSObject>
@end
@protocol TVILocalParticipantDelegate <NSObject>
@end
@protocol TVIRemoteDataTrackDelegate <NSObject>
@end
@protocol TVICameraSourceDelegate <NSObject>
@end
@protocol TVIAppScreenSourceDelegate <NSObject>
@end
@protocol TVIVideoViewDelegate <NSObject>
@end

@interface TwilioVideoSDK : NSObject
+ (TVIRoom *)connectWithOptions:(TVIConnectOptions *)options delegate:(id<TVIRoomDelegate>)delegate;
+ (NSString *)sdkVersion;
@end

@interface TVICameraSourceOptionsBuilder : NSObject
@property (nonatomic, assign) BOOL enablePreview;
@property (nonatomic, assign) BOOL rotationTags;
@property (nonatomic, assign) BOOL enableCameraMultitasking;
@end
@interface TVICameraSourceOptions : NSObject
+ (instancetype)optionsWithBlock:(void (^)(TVICameraSourceOptionsBuilder *builder))block;
@end
typedef void (^TVICameraSourceStartedBlock)(AVCaptureDevice *device, TVIVideoFormat *startFormat, NSError *error);
@interface TVICameraSource : NSObject
- (instancetype)initWithOptions:(TVICameraSourceOptions *)options delegate:(id<TVICameraSourceDelegate>)delegate;
- (instancetype)initWithDelegate:(id<TVICameraSourceDelegate>)delegate;
+ (AVCaptureDevice *)captureDeviceForPosition:(AVCaptureDevicePosition)position;
+ (NSOrderedSet<TVIVideoFormat *> *)supportedFormatsForDevice:(AVCaptureDevice *)device;
- (void)startCaptureWithDevice:(AVCaptureDevice *)device completion:(TVICameraSourceStartedBlock)completion;
- (void)startCaptureWithDevice:(AVCaptureDevice *)device format:(TVIVideoFormat *)format completion:(TVICameraSourceStartedBlock)completion;
- (void)selectCaptureDevice:(AVCaptureDevice *)device completion:(TVICameraSourceStartedBlock)completion;
- (void)stopCapture;
- (void)stopCaptureWithCompletion:(void (^)(NSError *error))completion;
@property (nonatomic, readonly) AVCaptureDevice *device;
@end
@interface TVIAppScreenSourceOptionsBuilder : NSObject
@end
@interface TVIAppScreenSourceOptions : NSObject
+ (instancetype)optionsWithBlock:(void (^)(TVIAppScreenSourceOptionsBuilder *builder))block;
@end
@interface TVIAppScreenSource : NSObject
- (instancetype)initWithOptions:(TVIAppScreenSourceOptions *)options delegate:(id<TVIAppScreenSourceDelegate>)delegate;
- (void)startCapture;
- (void)startCaptureWithCompletion:(void (^)(NSError *error))completion;
- (void)stopCapture;
- (void)stopCaptureWithCompletion:(void (^)(NSError *error))completion;
@end
extern void (^kTVIDefaultAVAudioSessionConfigurationBlock)(void);
