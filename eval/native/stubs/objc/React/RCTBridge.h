// Declarations only (see RCTBridgeModule.h).
#pragma once
#import <Foundation/Foundation.h>
@class RCTUIManager, RCTEventDispatcher;
@interface RCTBridge : NSObject
- (id)moduleForName:(NSString *)name;
- (id)moduleForClass:(Class)cls;
- (void)enqueueJSCall:(NSString *)module method:(NSString *)method args:(NSArray *)args completion:(dispatch_block_t)completion;
@property (nonatomic, readonly) RCTUIManager *uiManager;
@property (nonatomic, readonly) RCTEventDispatcher *eventDispatcher;
@property (nonatomic, readonly, getter=isValid) BOOL valid;
@end
#import <React/RCTUIManager.h>
#import <React/RCTEventDispatcher.h>
